#!/usr/bin/env bash
# Shared helpers for the offline provisioning scripts in scripts/ci/.
# Source it; do not execute it.  Every helper is safe under `set -euo pipefail`.

# shellcheck disable=SC2034  # variables are used by the scripts that source this file

GW_CI_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GW_REPO_ROOT="$(cd "${GW_CI_DIR}/../.." && pwd)"

# Where things live on the machine (override through the environment).
GW_LOG_DIR="${GW_LOG_DIR:-/var/log/gateway-ci}"
GW_RUN_DIR="${GW_RUN_DIR:-/var/run}"
GW_CACHE_DIR="${GW_CACHE_DIR:-/var/cache/gateway-base}"
GW_DOCKERD_PIDFILE="${GW_DOCKERD_PIDFILE:-${GW_RUN_DIR}/gateway-dockerd.pid}"
GW_DOCKERD_LOG="${GW_DOCKERD_LOG:-${GW_LOG_DIR}/dockerd.log}"
GW_REGISTRY_DIR="${GW_REGISTRY_DIR:-/var/lib/gateway-registry}"
GW_REGISTRY_PIDFILE="${GW_REGISTRY_PIDFILE:-${GW_RUN_DIR}/gateway-registry.pid}"
GW_REGISTRY_LOG="${GW_REGISTRY_LOG:-${GW_LOG_DIR}/registry.log}"
GW_REGISTRY_ADDR="${GW_REGISTRY_ADDR:-127.0.0.1:5000}"
GW_TRIXIE_SUITE="${GW_TRIXIE_SUITE:-trixie}"
GW_TRIXIE_DIR="${GW_TRIXIE_DIR:-${GW_CACHE_DIR}/trixie-tools}"
GW_APT_SOURCES="${GW_APT_SOURCES:-/etc/apt/sources.list.d/debian.sources}"
# The lab's Docker engine (install-docker-engine.sh): trixie's dockerd and containerd, started by start-dockerd.sh.
GW_ENGINE_DIR="${GW_ENGINE_DIR:-/opt/gateway-docker}"
GW_ENGINE_MAJOR="${GW_ENGINE_MAJOR:-26}"
GW_DOCKERD_DATA="${GW_DOCKERD_DATA:-/var/lib/gateway-docker}"

# The docker CLI always talks to the local engine over its unix socket.
export DOCKER_HOST="${GW_DOCKER_HOST:-unix:///var/run/docker.sock}"
export DEBIAN_FRONTEND=noninteractive

_gw_ts() { date '+%H:%M:%S'; }
_gw_name() { basename "${0%.sh}"; }

log()  { printf '[%s %s] %s\n' "$(_gw_ts)" "$(_gw_name)" "$*" >&2; }
warn() { printf '[%s %s] WARNING: %s\n' "$(_gw_ts)" "$(_gw_name)" "$*" >&2; }
die()  { printf '[%s %s] ERROR: %s\n' "$(_gw_ts)" "$(_gw_name)" "$*" >&2; exit 1; }

# summary TEXT: one line for the final report of setup-offline.sh.
summary() {
  log "$*"
  if [[ -n "${GW_SUMMARY_FILE:-}" ]]; then
    printf '%s\n' "$*" >>"${GW_SUMMARY_FILE}"
  fi
}

have_cmd() { command -v "$1" >/dev/null 2>&1; }

require_root() {
  [[ "$(id -u)" -eq 0 ]] || die "must run as root (it installs packages and starts daemons)"
}

# pid_alive PIDFILE: true when PIDFILE names a running process.
pid_alive() {
  local pidfile="$1" pid
  [[ -s "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null
}

# wait_until TIMEOUT_SECONDS DESCRIPTION CMD...: polls CMD every 0.5 s.
wait_until() {
  local timeout="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      warn "timed out after ${timeout}s waiting for ${what}"
      return 1
    fi
    sleep 0.5
  done
}

# stop_by_pidfile PIDFILE NAME [TIMEOUT]: TERM, wait, then KILL; removes the pidfile.
stop_by_pidfile() {
  local pidfile="$1" name="$2" timeout="${3:-20}" pid
  if ! pid_alive "$pidfile"; then
    log "${name} is not running (no live pid in ${pidfile})"
    rm -f "$pidfile"
    return 0
  fi
  pid="$(cat "$pidfile")"
  log "stopping ${name} (pid ${pid})"
  kill -TERM "$pid"
  local deadline=$((SECONDS + timeout))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      warn "${name} (pid ${pid}) did not stop after ${timeout}s; sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.5
  done
  rm -f "$pidfile"
  log "${name} stopped"
}

# docker_up: the engine answers `docker info` on the unix socket.
docker_up() { docker info >/dev/null 2>&1; }
# docker_ping: the same question, cheaper (no CLI start-up), for scripts that only need an engine.
docker_ping() { curl -fs -o /dev/null --unix-socket /var/run/docker.sock http://localhost/_ping; }

registry_up() { curl -fs -o /dev/null "http://${GW_REGISTRY_ADDR}/v2/"; }

# sha256 of stdin, first 16 hex chars.
short_hash() { sha256sum | cut -c1-16; }

mkdir -p "${GW_LOG_DIR}"

# stage_extra_ca DIR [SOURCE...]: this machine's extra CA certificates (/usr/local/share/ca-certificates) and
# each SOURCE (a PEM file or bundle, or a folder of them; --extra-ca) into DIR, one certificate per .crt file
# (update-ca-certificates wants that); prints how many. Used by the base images and the runner image.
stage_extra_ca() {
  local dir="$1" src f n=0
  shift
  mkdir -p "$dir"
  local files=()
  while IFS= read -r -d '' f; do files+=("$f"); done \
    < <(find /usr/local/share/ca-certificates -type f -name '*.crt' -print0 2>/dev/null | sort -z)
  for src in "$@"; do
    if [[ -d "$src" ]]; then
      while IFS= read -r -d '' f; do files+=("$f"); done \
        < <(find "$src" -type f \( -name '*.crt' -o -name '*.pem' \) -print0 | sort -z)
    elif [[ -f "$src" ]]; then
      files+=("$src")
    else
      die "--extra-ca ${src}: no such file or directory"
    fi
  done
  for f in "${files[@]}"; do
    n=$((n + 1))
    awk -v out="${dir}/extra-${n}" '
      /-----BEGIN CERTIFICATE-----/ { i++; file = sprintf("%s-%02d.crt", out, i); inside = 1 }
      inside { print > file }
      /-----END CERTIFICATE-----/ { inside = 0; close(file) }
    ' "$f"
  done
  find "$dir" -name '*.crt' | wc -l
}

# --- trixie .debs without installing trixie packages ---------------------------------------------
# A throw-away apt configuration (own sources list, lists and cache dirs under GW_TRIXIE_DIR) points at the
# same mirror as this machine's bookworm sources (read at run time, never written into the repository).
_gw_trixie_apt_options() {
  local w="$GW_TRIXIE_DIR"
  printf '%s\n' \
    -o "Dir::Etc::SourceList=${w}/sources.list" -o "Dir::Etc::SourceParts=/dev/null" \
    -o "Dir::State::Lists=${w}/lists" -o "Dir::Cache=${w}/cache" \
    -o "Dir::Etc::Preferences=/dev/null" -o "Dir::Etc::PreferencesParts=/dev/null" \
    -o "APT::Get::List-Cleanup=false"
}

# trixie_apt_update: writes the private sources list and runs apt-get update on it (once per calling script: call
# it before any `$(trixie_download …)`, whose subshell cannot tell its caller that the update ran).
trixie_apt_update() {
  [[ -n "${_GW_TRIXIE_UPDATED:-}" ]] && return 0
  local w="$GW_TRIXIE_DIR" mirror keyring
  # The mirror of the stanza that serves bookworm (deb822: URIs/Suites in any order).
  mirror="$(awk '
    function flush() { if (has && uri != "") { print uri; found = 1; exit } has = 0; uri = "" }
    /^[[:space:]]*$/ { flush(); next }
    /^URIs:/ { uri = $2 }
    /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == "bookworm") has = 1 }
    END { if (!found) flush() }
  ' "$GW_APT_SOURCES")"
  [[ -n "$mirror" ]] || die "no URIs: line for suite bookworm in ${GW_APT_SOURCES}"
  keyring="$(awk '/^Signed-By:/ { print $2; exit }' "$GW_APT_SOURCES")"
  keyring="${keyring:-/usr/share/keyrings/debian-archive-keyring.gpg}"
  mkdir -p "$w"/{lists/partial,cache/archives/partial,debs,x}
  # apt downloads as the unprivileged _apt user when it can write the target directory.
  if id _apt >/dev/null 2>&1; then chown _apt "$w/debs" "$w/lists/partial" "$w/cache/archives/partial"; fi
  printf 'deb [signed-by=%s] %s %s main\n' "$keyring" "$mirror" "$GW_TRIXIE_SUITE" >"$w/sources.list"
  log "apt-get update (${GW_TRIXIE_SUITE}, private lists under ${w})"
  local options
  mapfile -t options < <(_gw_trixie_apt_options)
  apt-get "${options[@]}" -q update >&2
  _GW_TRIXIE_UPDATED=1
}

# trixie_download PACKAGE: fetches trixie's .deb of PACKAGE into GW_TRIXIE_DIR/debs and prints its path.
trixie_download() {
  local pkg="$1" options
  trixie_apt_update
  mapfile -t options < <(_gw_trixie_apt_options)
  rm -f "$GW_TRIXIE_DIR/debs/${pkg}"_*.deb
  (cd "$GW_TRIXIE_DIR/debs" && apt-get "${options[@]}" -q download "$pkg" >&2)
  ls "$GW_TRIXIE_DIR/debs/${pkg}"_*.deb
}
