#!/usr/bin/env bash
# Step: build the stand-in .NET base images locally (nothing can be pulled here) and push
# them into the local registry:
#   127.0.0.1:5000/dotnet/sdk:10.0                      SDK stand-in (bookworm minbase + host SDK)
#   127.0.0.1:5000/dotnet/aspnet:10.0-noble-chiseled    shell-less ASP.NET Core runtime stand-in
# Each image carries the hash of its inputs in the label dev.gateway.base.input-hash; an image
# whose label matches is not rebuilt. mmdebstrap root filesystems are cached as tarballs.
#
# Options:
#   --extra-ca PATH   extra CA certificate(s) for the SDK stand-in: a PEM file (may hold several
#                     certificates) or a directory of *.crt/*.pem; repeatable. Also GW_EXTRA_CA
#                     (colon-separated). /usr/local/share/ca-certificates/**/*.crt is always used.
#   --arm64           also the arm64 runtime stand-in (not possible offline yet: fails clearly)
#   --force           rebuild even when the input hash matches
#   --no-verify       skip verify-base-images.sh after a build
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

REGISTRY="${GW_REGISTRY_ADDR}"
SDK_IMAGE="${GW_SDK_IMAGE:-${REGISTRY}/dotnet/sdk:10.0}"
RUNTIME_IMAGE="${GW_RUNTIME_IMAGE:-${REGISTRY}/dotnet/aspnet:10.0-noble-chiseled}"
DOTNET_DIR="${GW_DOTNET_DIR:-/usr/share/dotnet}"
SOURCES="${GW_APT_SOURCES:-/etc/apt/sources.list.d/debian.sources}"
SUITE=bookworm
LABEL=dev.gateway.base.input-hash
IMAGES_DIR="${GW_REPO_ROOT}/docker/base-images"
# Bump when the build logic in this script changes in a way the hashed files do not show.
RECIPE_VERSION=1

# Packages on top of minbase for the SDK stand-in (the .NET dependencies of Debian 12).
SDK_PACKAGES=(ca-certificates libc6 libgcc-s1 libgssapi-krb5-2 libicu72 libssl3 libstdc++6 tzdata zlib1g)
# Keep the root filesystem small, as Debian's own container images do.
DPKG_OPTS=(
  'path-exclude=/usr/share/man/*' 'path-exclude=/usr/share/info/*'
  'path-exclude=/usr/share/doc/*' 'path-include=/usr/share/doc/*/copyright'
  'path-exclude=/usr/share/locale/*' 'path-include=/usr/share/locale/locale.alias'
)

arm64=0 force=0 verify=1
extra_ca=()
if [[ -n "${GW_EXTRA_CA:-}" ]]; then IFS=':' read -r -a extra_ca <<<"${GW_EXTRA_CA}"; fi
while (($#)); do
  case "$1" in
    --arm64) arm64=1 ;;
    --force) force=1 ;;
    --no-verify) verify=0 ;;
    --extra-ca) extra_ca+=("${2:?--extra-ca needs a path}"); shift ;;
    *) die "unknown option: $1" ;;
  esac
  shift
done

docker_ping || die "docker does not answer (run start-dockerd.sh)"
docker buildx version >/dev/null 2>&1 || die "docker buildx plugin missing (run install-trixie-tools.sh)"
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

# --- root filesystem tarballs (cached) -------------------------------------------------------
# rootfs_tarball ARCH PACKAGES... -> prints the cached tarball path, building it when missing.
rootfs_tarball() {
  local arch="$1"
  shift
  local include key tar
  include="$(IFS=,; printf '%s' "$*")"
  key="$(
    {
      printf '%s\n' "suite=${SUITE}" "arch=${arch}" "variant=minbase" "include=${include}" "${DPKG_OPTS[@]}"
      cat "$SOURCES"
    } | short_hash
  )"
  tar="${GW_CACHE_DIR}/rootfs-${SUITE}-${arch}-${key}.tar"
  if [[ -f "$tar" && -s "$tar" ]]; then
    log "rootfs ${arch}: cached ${tar}"
  else
    local dpkgopt=() o
    for o in "${DPKG_OPTS[@]}"; do dpkgopt+=("--dpkgopt=${o}"); done
    log "rootfs ${arch}: mmdebstrap --variant=minbase ${SUITE} (+${include})"
    rm -rf "${tar}.partial"
    mmdebstrap --quiet --format=tar --variant=minbase --arch="$arch" --include="$include" \
      --skip=output/dev "${dpkgopt[@]}" \
      "$SUITE" "${tar}.partial" "$SOURCES" >&2
    [[ -f "${tar}.partial" ]] || die "mmdebstrap did not produce ${tar}.partial"
    mv "${tar}.partial" "$tar"
    # keep only the newest tarball per suite/arch
    find "$GW_CACHE_DIR" -maxdepth 1 -name "rootfs-${SUITE}-${arch}-*.tar" ! -name "$(basename "$tar")" -delete
  fi
  printf '%s\n' "$tar"
}

# --- helpers -------------------------------------------------------------------------------------
image_hash() { docker image inspect -f "{{ index .Config.Labels \"${LABEL}\" }}" "$1" 2>/dev/null || true; }

# push_if_needed IMAGE: push unless the registry already serves this image's manifest.
push_if_needed() {
  local image="$1" repo ref tag remote local_digests
  repo="${image%:*}"
  tag="${image##*:}"
  ref="${repo#"${REGISTRY}"/}"
  remote="$(curl -fsI \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "http://${REGISTRY}/v2/${ref}/manifests/${tag}" 2>/dev/null \
    | tr -d '\r' | awk 'tolower($1)=="docker-content-digest:" {print $2}')" || true
  local_digests="$(docker image inspect -f '{{ join .RepoDigests " " }}' "$image")"
  if [[ -n "$remote" && " ${local_digests} " == *" ${repo}@${remote} "* ]]; then
    log "registry already has ${image} (${remote})"
    return 0
  fi
  log "pushing ${image}"
  docker push --quiet "$image" >&2
}

# build IMAGE DOCKERFILE CONTEXT HASH [--build-arg ...]
build() {
  local image="$1" dockerfile="$2" ctx="$3" hash="$4"
  shift 4
  local old
  old="$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)"
  log "building ${image} (inputs ${hash})"
  docker build --network host --progress=plain \
    -f "$dockerfile" --build-arg "INPUT_HASH=${hash}" "$@" \
    -t "$image" "$ctx" >&2
  # drop the image this one replaces, unless something else still uses it
  if [[ -n "$old" && "$old" != "$(docker image inspect -f '{{.Id}}' "$image")" ]]; then
    docker image rm "$old" >/dev/null 2>&1 || true
  fi
}

# Collect the extra CA certificates, one certificate per .crt file, into DIR.
stage_extra_ca() {
  local dir="$1" src f n=0
  mkdir -p "$dir"
  local files=()
  while IFS= read -r -d '' f; do files+=("$f"); done \
    < <(find /usr/local/share/ca-certificates -type f -name '*.crt' -print0 2>/dev/null | sort -z)
  for src in "${extra_ca[@]}"; do
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
    # split bundles: update-ca-certificates wants one certificate per file
    awk -v out="${dir}/extra-${n}" '
      /-----BEGIN CERTIFICATE-----/ { i++; file = sprintf("%s-%02d.crt", out, i); inside = 1 }
      inside { print > file }
      /-----END CERTIFICATE-----/ { inside = 0; close(file) }
    ' "$f"
  done
  find "$dir" -name '*.crt' | wc -l
}

# --- SDK stand-in (amd64) ------------------------------------------------------------------------
build_sdk() {
  local arch=amd64 tar ctx hash ncerts
  tar="$(rootfs_tarball "$arch" "${SDK_PACKAGES[@]}")"
  ctx="${GW_CACHE_DIR}/context-sdk-${arch}"
  rm -rf "$ctx"
  mkdir -p "$ctx"
  ncerts="$(stage_extra_ca "${ctx}/extra-ca")"
  hash="$(
    {
      printf 'recipe=%s\nrootfs=%s\n' "$RECIPE_VERSION" "$(basename "$tar")"
      cat "${IMAGES_DIR}/sdk/Dockerfile"
      (cd "$DOTNET_DIR" && find . -maxdepth 3 \( -type d -printf '%P/\n' \) -o -printf '%P %s\n' | sort)
      (cd "${ctx}/extra-ca" && find . -name '*.crt' -print0 | sort -z | xargs -0 -r sha256sum)
    } | short_hash
  )"
  if ((!force)) && [[ "$(image_hash "$SDK_IMAGE")" == "$hash" ]]; then
    log "${SDK_IMAGE} is up to date (inputs ${hash})"
    skipped+=("$SDK_IMAGE")
    rm -rf "$ctx"
    SDK_HASH="$hash"
    return 0
  fi
  log "staging build context (${ncerts} extra CA certificates, .NET SDK ${DOTNET_SDK_VERSION})"
  ln "$tar" "${ctx}/rootfs.tar" 2>/dev/null || cp "$tar" "${ctx}/rootfs.tar"
  # hard links: instant and no extra disk when on the same file system
  cp -al "$DOTNET_DIR" "${ctx}/dotnet" 2>/dev/null || { rm -rf "${ctx}/dotnet"; cp -a "$DOTNET_DIR" "${ctx}/dotnet"; }
  build "$SDK_IMAGE" "${IMAGES_DIR}/sdk/Dockerfile" "$ctx" "$hash" \
    --build-arg "DOTNET_SDK_VERSION=${DOTNET_SDK_VERSION}" \
    --build-arg "DOTNET_VERSION=${DOTNET_VERSION}" \
    --build-arg "ASPNET_VERSION=${ASPNET_VERSION}"
  rm -rf "$ctx"
  built+=("$SDK_IMAGE")
  SDK_HASH="$hash"
}

# --- ASP.NET Core chiseled runtime stand-in (amd64) ----------------------------------------------
build_runtime() {
  local dir="${IMAGES_DIR}/aspnet-chiseled" hash
  hash="$(
    {
      printf 'recipe=%s\nsdk=%s\n' "$RECIPE_VERSION" "$SDK_HASH"
      cat "${dir}/Dockerfile" "${dir}/assemble-rootfs.sh"
    } | short_hash
  )"
  if ((!force)) && [[ "$(image_hash "$RUNTIME_IMAGE")" == "$hash" ]]; then
    log "${RUNTIME_IMAGE} is up to date (inputs ${hash})"
    skipped+=("$RUNTIME_IMAGE")
    return 0
  fi
  build "$RUNTIME_IMAGE" "${dir}/Dockerfile" "$dir" "$hash" \
    --build-arg "BUILDER_IMAGE=${SDK_IMAGE}" \
    --build-arg "DOTNET_VERSION=${DOTNET_VERSION}" \
    --build-arg "ASPNET_VERSION=${ASPNET_VERSION}"
  built+=("$RUNTIME_IMAGE")
}

build_runtime_arm64() {
  # Planned shape: rootfs_tarball arm64 ca-certificates libssl3 (mmdebstrap under qemu, ~2.5 min),
  # Microsoft.NETCore.App.Runtime.linux-arm64 + Microsoft.AspNetCore.App.Runtime.linux-arm64
  # 10.0.12 from NuGet (they hold the frameworks and libhostfxr.so), assembled in the amd64 SDK
  # stand-in, pushed as ...:10.0-noble-chiseled-arm64, merged with `docker buildx imagetools create`.
  # Blocker: the linux-arm64 `dotnet` muxer is in no NuGet package served here (only in the
  # dotnet-runtime tarballs of the .NET download site), and the image contract needs `dotnet`.
  die "--arm64: not available: no linux-arm64 'dotnet' host executable can be obtained offline (see build_runtime_arm64 in ${BASH_SOURCE[0]})"
}

SDK_HASH=""
build_sdk
build_runtime

push_if_needed "$SDK_IMAGE"
push_if_needed "$RUNTIME_IMAGE"

if ((verify)); then
  "${GW_CI_DIR}/verify-base-images.sh"
fi

# amd64 is complete at this point; arm64 comes on top of it
if ((arm64)); then build_runtime_arm64; fi

# size IMAGE -> "local uncompressed / compressed in the registry"
size() {
  local image="$1" repo tag local_mb remote_mb
  repo="${image%:*}"
  tag="${image##*:}"
  local_mb="$(docker image inspect -f '{{ .Size }}' "$image" | awk '{ printf "%.0f", $1 / 1000000 }')"
  remote_mb="$(curl -fs -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://${REGISTRY}/v2/${repo#"${REGISTRY}"/}/manifests/${tag}" \
    | jq '[.layers[].size] | add / 1000000 | round' 2>/dev/null || echo '?')"
  printf '%s MB (%s MB compressed)' "$local_mb" "$remote_mb"
}
if ((${#built[@]})); then
  summary "images: built ${built[*]}; sizes: sdk $(size "$SDK_IMAGE"), aspnet $(size "$RUNTIME_IMAGE")"
else
  summary "images: up to date (${skipped[*]}); sizes: sdk $(size "$SDK_IMAGE"), aspnet $(size "$RUNTIME_IMAGE")"
fi
