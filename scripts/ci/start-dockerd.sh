#!/usr/bin/env bash
# Step: start Debian's dockerd (20.10) in the background, loopback-only networking.
#   no bridge, no iptables, no masquerading; storage overlay2, falling back to vfs.
# Idempotent: does nothing when `docker info` already answers on the unix socket.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

have_cmd dockerd || die "dockerd is not installed (run install-apt-packages.sh)"
have_cmd docker || die "no docker CLI on PATH"

client_check() {
  # The preinstalled CLI (28.x) negotiates the API version down to the engine's (1.41).
  local server
  server="$(docker version -f '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>&1)" \
    || die "docker CLI cannot talk to the engine: ${server} (try DOCKER_API_VERSION=1.41)"
  log "engine ${server}, client $(docker version -f '{{.Client.Version}}' 2>/dev/null)"
}

if docker_up; then
  client_check
  owner="external"
  pid_alive "$GW_DOCKERD_PIDFILE" && owner="pid $(cat "$GW_DOCKERD_PIDFILE")"
  summary "dockerd: already running (${owner}, storage $(docker info -f '{{.Driver}}'))"
  exit 0
fi

if pid_alive "$GW_DOCKERD_PIDFILE"; then
  die "dockerd pid $(cat "$GW_DOCKERD_PIDFILE") is alive but 'docker info' does not answer; see ${GW_DOCKERD_LOG}, or stop it with stop-dockerd.sh"
fi
rm -f "$GW_DOCKERD_PIDFILE"

start_engine() {
  local driver="$1"
  log "starting dockerd (storage ${driver}); log: ${GW_DOCKERD_LOG}"
  {
    printf '\n===== %s: dockerd --storage-driver=%s =====\n' "$(date -Is)" "$driver"
  } >>"$GW_DOCKERD_LOG"
  # setsid: the daemon outlives this script and its terminal.
  setsid dockerd \
    --host=unix:///var/run/docker.sock \
    --pidfile="$GW_DOCKERD_PIDFILE" \
    --bridge=none --iptables=false --ip-masq=false --ip-forward=false \
    --storage-driver="$driver" \
    </dev/null >>"$GW_DOCKERD_LOG" 2>&1 &
  local bg=$!
  local deadline=$((SECONDS + ${GW_DOCKERD_TIMEOUT:-60}))
  until docker_up; do
    if ! kill -0 "$bg" 2>/dev/null; then
      warn "dockerd (storage ${driver}) exited during start-up; last log lines:"
      tail -n 15 "$GW_DOCKERD_LOG" >&2 || true
      return 1
    fi
    if ((SECONDS >= deadline)); then
      warn "dockerd (storage ${driver}) did not answer 'docker info' within ${GW_DOCKERD_TIMEOUT:-60}s"
      kill -TERM "$bg" 2>/dev/null || true
      wait "$bg" 2>/dev/null || true
      return 1
    fi
    sleep 0.5
  done
}

driver="${GW_DOCKERD_STORAGE:-overlay2}"
if ! start_engine "$driver"; then
  if [[ "$driver" == overlay2 ]]; then
    warn "overlay2 storage failed; FALLING BACK TO vfs (slow, uses much more disk). See ${GW_DOCKERD_LOG}"
    sleep 1
    rm -f "$GW_DOCKERD_PIDFILE"
    driver=vfs
    start_engine vfs || die "dockerd did not start with vfs either; see ${GW_DOCKERD_LOG}"
  else
    die "dockerd did not start; see ${GW_DOCKERD_LOG}"
  fi
fi

client_check
summary "dockerd: started (pid $(cat "$GW_DOCKERD_PIDFILE"), storage $(docker info -f '{{.Driver}}'), log ${GW_DOCKERD_LOG})"
