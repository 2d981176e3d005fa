#!/usr/bin/env bash
# Step 1: install the Debian (bookworm) packages the Docker work needs.
# Only what is missing is installed; `apt-get update` runs once, and only then.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

PACKAGES=(
  runc tini libsystemd0 # the Docker engine itself comes from trixie (install-docker-engine.sh)
  docker-registry mmdebstrap qemu-user-static binfmt-support jq
  skopeo # registry reads of build-base-images.sh (base-images/registry.sh)
  shellcheck yamllint apache2-utils hyperfine wrk nginx
  curl ca-certificates xz-utils unzip openssl
  arch-test # mmdebstrap --arch=arm64 (foreign architecture) needs it
  chromium # headless, for PlanPageRenderingTests (the --plan page at 1400x900)
)

# missing_of PKG... -> the packages that are not fully installed (one dpkg-query call)
missing_of() {
  local -A ok=()
  local name status
  while read -r name status; do
    [[ "$status" == ii ]] && ok["$name"]=1
  done < <(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "$@" 2>/dev/null || true)
  for name in "$@"; do
    [[ -n "${ok[$name]:-}" ]] || printf '%s\n' "$name"
  done
}

mapfile -t missing < <(missing_of "${PACKAGES[@]}")

if ((${#missing[@]} == 0)); then
  summary "apt: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

log "missing: ${missing[*]}"

# Packages such as docker.io, nginx and docker-registry would start their services from
# their maintainer scripts (docker0 bridge, iptables, port 80/5000). Forbid that while
# installing, unless the machine already has a policy in place.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 0755 "$policy"
  created_policy=1
fi
cleanup() { if ((created_policy)); then rm -f "$policy"; fi; }
trap cleanup EXIT

apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"

mapfile -t still < <(missing_of "${missing[@]}")
((${#still[@]} == 0)) || die "still not installed after apt-get install: ${still[*]}"
summary "apt: installed ${missing[*]}"
