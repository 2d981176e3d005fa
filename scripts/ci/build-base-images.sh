#!/usr/bin/env bash
# Step: build the stand-in .NET base images locally (nothing can be pulled here) and push
# them into the local registry:
#   127.0.0.1:5000/dotnet/sdk:10.0                      SDK stand-in (bookworm minbase + host SDK)
#   127.0.0.1:5000/dotnet/aspnet:10.0-noble-chiseled    shell-less ASP.NET Core runtime stand-in
# Each image carries the hash of its inputs in the label dev.gateway.base.input-hash; an image
# whose label matches is not rebuilt. mmdebstrap root filesystems are cached as tarballs.
# This file is the order of the steps; each concern is a library in base-images/: rootfs.sh (mmdebstrap
# tarballs), nuget.sh (arm64 runtime packs), images.sh (docker build recipes), registry.sh (skopeo reads,
# pushes), index.sh (the multi-arch tag).
#
# Options:
#   --extra-ca PATH   extra CA certificate(s) for the SDK stand-in: a PEM file (may hold several
#                     certificates) or a directory of *.crt/*.pem; repeatable. Also GW_EXTRA_CA
#                     (colon-separated). /usr/local/share/ca-certificates/**/*.crt is always used.
#   --arm64           also the arm64 runtime stand-in (NuGet runtime packs + bookworm arm64, no
#                     `dotnet` muxer: apphost-only), and make the registry's
#                     ...aspnet:10.0-noble-chiseled a multi-arch index (linux/amd64 + linux/arm64)
#   --force           rebuild even when the input hash matches
#   --no-verify       skip verify-base-images.sh after a build
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=lib.sh
source "${here}/lib.sh"
# shellcheck source=base-images/rootfs.sh
source "${here}/base-images/rootfs.sh"
# shellcheck source=base-images/nuget.sh
source "${here}/base-images/nuget.sh"
# shellcheck source=base-images/images.sh
source "${here}/base-images/images.sh"
# shellcheck source=base-images/registry.sh
source "${here}/base-images/registry.sh"
# shellcheck source=base-images/index.sh
source "${here}/base-images/index.sh"
require_root

REGISTRY="${GW_REGISTRY_ADDR}"
SDK_IMAGE="${GW_SDK_IMAGE:-${REGISTRY}/dotnet/sdk:10.0}"
RUNTIME_IMAGE="${GW_RUNTIME_IMAGE:-${REGISTRY}/dotnet/aspnet:10.0-noble-chiseled}"
RUNTIME_ARM64_IMAGE="${RUNTIME_IMAGE}-arm64v8" # per-architecture tags, as on MCR
RUNTIME_AMD64_IMAGE="${RUNTIME_IMAGE}-amd64"
DOTNET_DIR="${GW_DOTNET_DIR:-/usr/share/dotnet}"
SOURCES="${GW_APT_SOURCES:-/etc/apt/sources.list.d/debian.sources}"

arm64=0 FORCE=0 verify=1
EXTRA_CA=()
if [[ -n "${GW_EXTRA_CA:-}" ]]; then IFS=':' read -r -a EXTRA_CA <<<"${GW_EXTRA_CA}"; fi
while (($#)); do
  case "$1" in
    --arm64) arm64=1 ;;
    --force) FORCE=1 ;;
    --no-verify) verify=0 ;;
    --extra-ca) EXTRA_CA+=("${2:?--extra-ca needs a path}"); shift ;;
    *) die "unknown option: $1" ;;
  esac
  shift
done

docker_ping || die "docker does not answer (run start-dockerd.sh)"
docker buildx version >/dev/null 2>&1 || die "docker buildx plugin missing (run install-trixie-tools.sh)"
have_cmd skopeo || die "skopeo missing (run install-apt-packages.sh)"
[[ -x "${DOTNET_DIR}/dotnet" ]] || die "no .NET install at ${DOTNET_DIR}"
mkdir -p "$GW_CACHE_DIR"

latest_version() { # latest_version DIR -> highest version-named subdirectory
  find "$1" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -V | tail -n1
}
DOTNET_SDK_VERSION="$(latest_version "${DOTNET_DIR}/sdk")"
DOTNET_VERSION="$(latest_version "${DOTNET_DIR}/shared/Microsoft.NETCore.App")"
ASPNET_VERSION="$(latest_version "${DOTNET_DIR}/shared/Microsoft.AspNetCore.App")"
[[ -n "$DOTNET_SDK_VERSION" && -n "$DOTNET_VERSION" && -n "$ASPNET_VERSION" ]] \
  || die "cannot find SDK/runtime versions under ${DOTNET_DIR}"

built=() skipped=()

build_sdk
build_runtime
push_if_needed "$SDK_IMAGE"
push_if_needed "$RUNTIME_IMAGE"
if ((verify)); then "${GW_CI_DIR}/verify-base-images.sh"; fi

# amd64 is complete at this point; arm64 comes on top of it
if ((arm64)); then
  build_runtime_arm64
  publish_runtime_index
  if ((verify)); then "${GW_CI_DIR}/verify-base-images.sh" --arm64; fi
fi

# size IMAGE [ARCH] -> "local uncompressed / compressed in the registry" (ARCH: entry of an index)
size() {
  local local_mb
  # unpacked: the layers' sizes in docker history (the containerd store's inspect .Size counts compressed content)
  local_mb="$(docker image history --human=false --format '{{.Size}}' "$1" | awk '{ s += $1 } END { printf "%.0f", s / 1000000 }')"
  printf '%s MB (%s MB compressed)' "$local_mb" "$(registry_compressed_mb "$@" || echo '?')"
}
sizes="sdk $(size "$SDK_IMAGE"), aspnet $(size "$RUNTIME_IMAGE")"
if ((arm64)); then
  sizes+=", aspnet arm64 $(size "$RUNTIME_ARM64_IMAGE" arm64); registry ${RUNTIME_IMAGE}: index of $(registry_index_digests "$RUNTIME_IMAGE" | cut -d' ' -f1 | paste -sd+)"
fi
if ((${#built[@]})); then
  summary "images: built ${built[*]}; sizes: ${sizes}"
else
  summary "images: up to date (${skipped[*]}); sizes: ${sizes}"
fi
