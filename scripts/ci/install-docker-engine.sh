#!/usr/bin/env bash
# Step: Docker Engine 26 with containerd 1.7, taken from Debian trixie WITHOUT installing trixie packages.
#   dockerd, docker-proxy (docker.io) and containerd, its runc shim and ctr (containerd) are unpacked from
#   the .debs (`apt-get download` + `dpkg -x`, lib.sh's private apt configuration) into GW_ENGINE_DIR/bin;
#   they need only bookworm's libc and libsystemd. runc and docker-init (tini) are bookworm's own
#   (install-apt-packages.sh): trixie's runc needs a newer glibc.
# Why not bookworm's docker.io: its 20.10 engine has an old built-in BuildKit and no containerd image store;
# GitHub's runners and Docker Desktop run Docker 28 (scripts/ci/README.md#the-docker-engine).
# Idempotent: nothing is fetched when the installed binaries already report the pinned versions.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

BIN="${GW_ENGINE_DIR}/bin"
# package | files inside the .deb (space separated)
PACKAGES=(
  "docker.io|usr/sbin/dockerd usr/sbin/docker-proxy"
  "containerd|usr/bin/containerd usr/bin/containerd-shim-runc-v2 usr/bin/ctr"
)

have_cmd runc || die "runc is not installed (install-apt-packages.sh installs bookworm's)"
have_cmd tini-static || die "tini-static is not installed (install-apt-packages.sh installs bookworm's tini)"

installed_versions() {
  "${BIN}/dockerd" --version 2>/dev/null | awk '{ print "dockerd " $3 }' | tr -d ','
  "${BIN}/containerd" --version 2>/dev/null | awk '{ print "containerd " $3 }'
}

engine_ok() {
  local f
  for f in dockerd docker-proxy containerd containerd-shim-runc-v2 ctr docker-init; do
    [[ -x "${BIN}/${f}" ]] || return 1
  done
  "${BIN}/dockerd" --version 2>/dev/null | grep -q "version ${GW_ENGINE_MAJOR}\." \
    && "${BIN}/containerd" --version >/dev/null 2>&1
}

if engine_ok; then
  summary "docker engine: already installed in ${BIN} ($(installed_versions | paste -sd, - | sed 's/,/, /'))"
  exit 0
fi

trixie_apt_update # once, here: trixie_download runs in a subshell below
staging="${GW_ENGINE_DIR}/bin.new"
rm -rf "$staging"
mkdir -p "$staging"
for entry in "${PACKAGES[@]}"; do
  IFS='|' read -r pkg files <<<"$entry"
  deb="$(trixie_download "$pkg")"
  rm -rf "${GW_TRIXIE_DIR:?}/x/${pkg}"
  dpkg -x "$deb" "${GW_TRIXIE_DIR}/x/${pkg}"
  for f in $files; do
    [[ -x "${GW_TRIXIE_DIR}/x/${pkg}/${f}" ]] || die "${deb} has no executable ${f}"
    install -m 0755 "${GW_TRIXIE_DIR}/x/${pkg}/${f}" "${staging}/$(basename "$f")"
  done
done
# dockerd looks for docker-init (its --init) beside itself and on PATH; Debian's is tini.
ln -sf "$(command -v tini-static)" "${staging}/docker-init"
"${staging}/dockerd" --version | grep -q "version ${GW_ENGINE_MAJOR}\." \
  || die "trixie's docker.io is not Docker ${GW_ENGINE_MAJOR}: $("${staging}/dockerd" --version)"
"${staging}/containerd" --version >/dev/null || die "trixie's containerd does not run on this machine"
# Swap in one step: a half-copied engine is never on disk under bin/.
rm -rf "${BIN}.old"
[[ -d "$BIN" ]] && mv "$BIN" "${BIN}.old"
mv "$staging" "$BIN"
rm -rf "${BIN}.old"
summary "docker engine: installed $(installed_versions | paste -sd, - | sed 's/,/, /') from ${GW_TRIXIE_SUITE} in ${BIN} (runc $(runc --version | awk 'NR == 1 { print $3 }') from bookworm)"
