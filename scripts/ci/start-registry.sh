#!/usr/bin/env bash
# Step: start a local registry (Debian docker-registry) on 127.0.0.1:5000, plain HTTP,
# filesystem storage under /var/lib/gateway-registry, deletes enabled.
# Idempotent: does nothing when /v2/ already answers.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

have_cmd docker-registry || die "docker-registry is not installed (run install-apt-packages.sh)"

config="${GW_REGISTRY_DIR}/config.yml"
storage="${GW_REGISTRY_DIR}/storage"
mkdir -p "$storage"

# Render the config every time (cheap); a changed config only takes effect on restart.
rendered="$(sed -e "s|@ROOT@|${storage}|" -e "s|@ADDR@|${GW_REGISTRY_ADDR}|" \
  "${GW_CI_DIR}/registry-config.yml.in")"
if [[ ! -f "$config" ]] || [[ "$(cat "$config")" != "$rendered" ]]; then
  printf '%s\n' "$rendered" >"$config"
  if registry_up; then
    warn "registry config changed; restart it (stop-registry.sh) to apply"
  fi
fi

if registry_up; then
  owner="external"
  pid_alive "$GW_REGISTRY_PIDFILE" && owner="pid $(cat "$GW_REGISTRY_PIDFILE")"
  summary "registry: already answering on http://${GW_REGISTRY_ADDR}/v2/ (${owner})"
  exit 0
fi

if pid_alive "$GW_REGISTRY_PIDFILE"; then
  die "registry pid $(cat "$GW_REGISTRY_PIDFILE") is alive but /v2/ does not answer; see ${GW_REGISTRY_LOG}"
fi

log "starting docker-registry on ${GW_REGISTRY_ADDR}; log: ${GW_REGISTRY_LOG}"
printf '\n===== %s: docker-registry serve %s =====\n' "$(date -Is)" "$config" >>"$GW_REGISTRY_LOG"
setsid docker-registry serve "$config" </dev/null >>"$GW_REGISTRY_LOG" 2>&1 &
echo $! >"$GW_REGISTRY_PIDFILE"

if ! wait_until "${GW_REGISTRY_TIMEOUT:-20}" "http://${GW_REGISTRY_ADDR}/v2/" registry_up; then
  tail -n 15 "$GW_REGISTRY_LOG" >&2 || true
  die "registry did not answer on http://${GW_REGISTRY_ADDR}/v2/; see ${GW_REGISTRY_LOG}"
fi
pid_alive "$GW_REGISTRY_PIDFILE" \
  || warn "registry answers but pid $(cat "$GW_REGISTRY_PIDFILE") is not alive: stop-registry.sh cannot stop it"
summary "registry: started (pid $(cat "$GW_REGISTRY_PIDFILE")) on http://${GW_REGISTRY_ADDR}, storage ${storage}"
