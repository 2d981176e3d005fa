#!/usr/bin/env bash
# Step: start the lab's Docker engine (26, install-docker-engine.sh) in the background with the containerd image store.
#   loopback-only networking (no bridge, no iptables, no masquerading); its own data root and exec root
#   (GW_DOCKERD_DATA, /var/run/gateway-docker), so an older engine's /var/lib/docker is never touched;
#   containerd snapshotter overlayfs, falling back to native (slow) if overlayfs cannot mount.
# Idempotent: does nothing when this engine already answers. An older engine that this script started
# (Debian bookworm's 20.10, the lab before) is stopped and replaced; one started otherwise is left alone
# and the step fails, saying how to stop it.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

DOCKERD="${GW_ENGINE_DIR}/bin/dockerd"
EXEC_ROOT="${GW_RUN_DIR}/gateway-docker"
CONFIG="${GW_ENGINE_DIR}/daemon.json"

[[ -x "$DOCKERD" ]] || die "${DOCKERD} is missing (run install-docker-engine.sh)"
have_cmd docker || die "no docker CLI on PATH"

engine_version() { docker version -f '{{.Server.Version}}' 2>/dev/null; }
# The containerd image store: docker info lists the snapshotter as the driver type.
has_containerd_store() { docker info -f '{{json .DriverStatus}}' 2>/dev/null | grep -q 'io.containerd.snapshotter'; }

describe_engine() {
  printf 'engine %s (API %s), client %s, storage %s' "$(engine_version)" \
    "$(docker version -f '{{.Server.APIVersion}}' 2>/dev/null)" "$(docker version -f '{{.Client.Version}}' 2>/dev/null)" \
    "$(docker info -f '{{.Driver}}' 2>/dev/null)"
}

replaced=""
if docker_up; then
  version="$(engine_version)"
  if [[ "$version" == "${GW_ENGINE_MAJOR}."* ]] && has_containerd_store; then
    owner="external"
    pid_alive "$GW_DOCKERD_PIDFILE" && owner="pid $(cat "$GW_DOCKERD_PIDFILE")"
    summary "dockerd: already running (${owner}, $(describe_engine))"
    exit 0
  fi
  pid_alive "$GW_DOCKERD_PIDFILE" \
    || die "a Docker engine ${version} that this script did not start answers on /var/run/docker.sock; the lab needs Docker ${GW_ENGINE_MAJOR} with the containerd image store. Stop that engine (its service or pid) and run this again."
  log "replacing the running engine ${version} (pid $(cat "$GW_DOCKERD_PIDFILE")) with Docker ${GW_ENGINE_MAJOR}"
  stop_by_pidfile "$GW_DOCKERD_PIDFILE" "dockerd ${version}" 60
  replaced="$version"
elif pid_alive "$GW_DOCKERD_PIDFILE"; then
  die "dockerd pid $(cat "$GW_DOCKERD_PIDFILE") is alive but 'docker info' does not answer; see ${GW_DOCKERD_LOG}, or stop it with stop-dockerd.sh"
fi
rm -f "$GW_DOCKERD_PIDFILE"

printf '{\n  "features": { "containerd-snapshotter": true }\n}\n' >"$CONFIG"
mkdir -p "$GW_DOCKERD_DATA" "$EXEC_ROOT"

start_engine() {
  local snapshotter="$1"
  log "starting ${DOCKERD} (snapshotter ${snapshotter}); log: ${GW_DOCKERD_LOG}"
  {
    printf '\n===== %s: dockerd %s --storage-driver=%s =====\n' "$(date -Is)" "$("$DOCKERD" --version)" "$snapshotter"
  } >>"$GW_DOCKERD_LOG"
  # setsid: the daemon outlives this script and its terminal. PATH: the containerd that dockerd starts is trixie's,
  # beside it; runc is bookworm's.
  PATH="${GW_ENGINE_DIR}/bin:${PATH}" setsid "$DOCKERD" \
    --config-file="$CONFIG" \
    --host=unix:///var/run/docker.sock \
    --pidfile="$GW_DOCKERD_PIDFILE" \
    --data-root="$GW_DOCKERD_DATA" \
    --exec-root="$EXEC_ROOT" \
    --bridge=none --iptables=false --ip6tables=false --ip-masq=false --ip-forward=false --userland-proxy=false \
    --storage-driver="$snapshotter" \
    </dev/null >>"$GW_DOCKERD_LOG" 2>&1 &
  local bg=$!
  local deadline=$((SECONDS + ${GW_DOCKERD_TIMEOUT:-60}))
  until docker_up; do
    if ! kill -0 "$bg" 2>/dev/null; then
      warn "dockerd (snapshotter ${snapshotter}) exited during start-up; last log lines:"
      tail -n 15 "$GW_DOCKERD_LOG" >&2 || true
      return 1
    fi
    if ((SECONDS >= deadline)); then
      warn "dockerd (snapshotter ${snapshotter}) did not answer 'docker info' within ${GW_DOCKERD_TIMEOUT:-60}s"
      kill -TERM "$bg" 2>/dev/null || true
      wait "$bg" 2>/dev/null || true
      return 1
    fi
    sleep 0.5
  done
}

snapshotter="${GW_DOCKERD_STORAGE:-overlayfs}"
if ! start_engine "$snapshotter"; then
  if [[ "$snapshotter" == overlayfs ]]; then
    warn "the overlayfs snapshotter failed; FALLING BACK TO native (slow, uses much more disk). See ${GW_DOCKERD_LOG}"
    sleep 1
    rm -f "$GW_DOCKERD_PIDFILE"
    snapshotter=native
    start_engine native || die "dockerd did not start with the native snapshotter either; see ${GW_DOCKERD_LOG}"
  else
    die "dockerd did not start; see ${GW_DOCKERD_LOG}"
  fi
fi

has_containerd_store || die "dockerd started without the containerd image store (${CONFIG}); see ${GW_DOCKERD_LOG}"
message="dockerd: started (pid $(cat "$GW_DOCKERD_PIDFILE"), $(describe_engine), data ${GW_DOCKERD_DATA}, log ${GW_DOCKERD_LOG})"
if [[ -n "$replaced" ]]; then
  old_data="$(du -sh /var/lib/docker 2>/dev/null | cut -f1)"
  message+="; replaced engine ${replaced} (its data in /var/lib/docker${old_data:+, ${old_data}}, is no longer used: remove it when you like)"
fi
summary "$message"
