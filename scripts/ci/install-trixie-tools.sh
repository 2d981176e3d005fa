#!/usr/bin/env bash
# Step: take a few newer Go tools from Debian trixie WITHOUT installing trixie packages:
#   docker-buildx, docker-compose (docker CLI plugins), cosign, gitleaks.
# A throw-away apt configuration (own sources list, lists and cache dirs) points at the
# same mirror as this machine's bookworm sources (read at run time, never written into
# the repository); `apt-get download` fetches the .debs and `dpkg -x` unpacks them.
# These are static Go programs: they only need libc, so they run on bookworm.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

WORK="${GW_TRIXIE_DIR}"
USER_PLUGINS="${HOME}/.docker/cli-plugins"
SYSTEM_PLUGINS=/usr/local/lib/docker/cli-plugins

# name | package | path inside the .deb | install destinations (space separated) | version cmd
TOOLS=(
  "docker-buildx|docker-buildx|usr/libexec/docker/cli-plugins/docker-buildx|${USER_PLUGINS}/docker-buildx ${SYSTEM_PLUGINS}/docker-buildx|docker buildx version"
  "docker-compose|docker-compose|usr/libexec/docker/cli-plugins/docker-compose|${USER_PLUGINS}/docker-compose ${SYSTEM_PLUGINS}/docker-compose|docker compose version"
  "cosign|cosign|usr/bin/cosign|/usr/local/bin/cosign|cosign version"
  "gitleaks|gitleaks|usr/bin/gitleaks|/usr/local/bin/gitleaks|gitleaks version"
)

tool_ok() { # all destinations exist and the version command works
  local dests="$1" cmd="$2" d
  for d in $dests; do [[ -x "$d" ]] || return 1; done
  # shellcheck disable=SC2086  # the command is a word list on purpose
  $cmd >/dev/null 2>&1
}

todo=()
for t in "${TOOLS[@]}"; do
  IFS='|' read -r name _pkg _path dests cmd <<<"$t"
  tool_ok "$dests" "$cmd" || todo+=("$t")
done

# Versions come from the .debs (Debian builds of cosign/gitleaks print no version number).
report_versions() {
  if [[ -s "$WORK/versions" ]]; then
    sort "$WORK/versions" | paste -sd, - | sed 's/,/, /g'
  else
    printf 'versions unknown'
  fi
}

if ((${#todo[@]} == 0)); then
  summary "trixie tools: already present ($(report_versions))"
  exit 0
fi

trixie_apt_update

installed=()
for t in "${todo[@]}"; do
  IFS='|' read -r name pkg path dests cmd <<<"$t"
  deb="$(trixie_download "$pkg")"
  rm -rf "${WORK:?}/x/${pkg}"
  dpkg -x "$deb" "$WORK/x/${pkg}"
  src="$WORK/x/${pkg}/${path}"
  [[ -x "$src" ]] || die "${deb} has no executable ${path}"
  for d in $dests; do
    install -D -m 0755 "$src" "$d"
  done
  # shellcheck disable=SC2086
  $cmd >/dev/null 2>&1 || die "${name} installed but '${cmd}' fails"
  version="$(dpkg-deb -f "$deb" Version)"
  { grep -v "^${name} " "$WORK/versions" 2>/dev/null || true; printf '%s %s\n' "$name" "$version"; } >"$WORK/versions.new"
  mv "$WORK/versions.new" "$WORK/versions"
  installed+=("${name} ${version}")
done

summary "trixie tools: installed $(printf '%s, ' "${installed[@]}" | sed 's/, $//') from ${GW_TRIXIE_SUITE}"
