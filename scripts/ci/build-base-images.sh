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
#   --arm64           also the arm64 runtime stand-in (NuGet runtime packs + bookworm arm64, no
#                     `dotnet` muxer: apphost-only), and make the registry's
#                     ...aspnet:10.0-noble-chiseled a multi-arch index (linux/amd64 + linux/arm64)
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
# Packages on top of minbase for the arm64 builder of the runtime stand-in (assemble-rootfs.sh
# takes only what the runtime loads: glibc, libstdc++, libgcc_s, OpenSSL 3, the CA bundle).
RUNTIME_ARM64_PACKAGES=(ca-certificates libssl3 libstdc++6)
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

# push_if_needed IMAGE: push unless the registry already serves this image's manifest, directly or
# as an entry of the multi-arch index that --arm64 makes of the runtime tag.
push_if_needed() {
  local image="$1" repo remote local_digests platform d
  repo="${image%:*}"
  local_digests="$(docker image inspect -f '{{ join .RepoDigests " " }}' "$image")"
  remote="$(registry_digest "$image")" || true
  if [[ -n "$remote" && " ${local_digests} " == *" ${repo}@${remote} "* ]]; then
    log "registry already has ${image} (${remote})"
    return 0
  fi
  local index
  index="$(registry_index_digests "$image")" || true
  while read -r platform d; do
    if [[ -n "$d" && " ${local_digests} " == *" ${repo}@${d} "* ]]; then
      log "registry already has ${image} as ${platform} in its multi-arch index (${d})"
      return 0
    fi
  done <<<"$index"
  if [[ -n "$index" ]]; then
    warn "${image} is a multi-arch index in the registry; pushing the new amd64 image replaces it (run with --arm64 to make the index again)"
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
  # --provenance=false: one plain image manifest per platform, as the registry index below and the
  # official images' platform entries are (an engine with the containerd store would add an attestation).
  docker build --network host --progress=plain --provenance=false \
    -f "$dockerfile" --build-arg "INPUT_HASH=${hash}" "$@" \
    -t "$image" "$ctx" >&2
  # drop the image this one replaces, unless something else still uses it
  if [[ -n "$old" && "$old" != "$(docker image inspect -f '{{.Id}}' "$image")" ]]; then
    docker image rm "$old" >/dev/null 2>&1 || true
  fi
}

# --- SDK stand-in (amd64) ------------------------------------------------------------------------
build_sdk() {
  local arch=amd64 tar ctx hash ncerts
  tar="$(rootfs_tarball "$arch" "${SDK_PACKAGES[@]}")"
  ctx="${GW_CACHE_DIR}/context-sdk-${arch}"
  rm -rf "$ctx"
  mkdir -p "$ctx"
  ncerts="$(stage_extra_ca "${ctx}/extra-ca" "${extra_ca[@]}")"
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
  # The amd64 image keeps a name of its own: with --arm64 the RUNTIME_IMAGE tag becomes the multi-arch index.
  docker tag "$RUNTIME_IMAGE" "$RUNTIME_AMD64_IMAGE"
  built+=("$RUNTIME_IMAGE")
}

# --- arm64 runtime stand-in + multi-arch index ---------------------------------------------------
# The linux-arm64 frameworks and libhostfxr.so come from the NuGet runtime packs (the same feed
# `dotnet restore` uses, read from the machine's NuGet configuration at run time); the arm64 system
# libraries from mmdebstrap --arch=arm64. There is no linux-arm64 `dotnet` muxer (NuGet does not
# serve it), so the arm64 variant has no `dotnet` on PATH: apps start through their apphost.
NUGET_BASE=""
nuget_base() { # -> PackageBaseAddress (flat container) of the first enabled source that has one
  if [[ -n "$NUGET_BASE" ]]; then printf '%s\n' "$NUGET_BASE"; return 0; fi
  local src base
  while read -r src; do
    base="$(curl -fsS --compressed --retry 2 "$src" 2>/dev/null \
      | jq -r '[.resources[] | select(."@type" | startswith("PackageBaseAddress"))][0]."@id" // empty' 2>/dev/null)" || true
    if [[ -n "$base" ]]; then
      NUGET_BASE="${base%/}"
      printf '%s\n' "$NUGET_BASE"
      return 0
    fi
  done < <("${DOTNET_DIR}/dotnet" nuget list source --format short 2>/dev/null | awk '$1 ~ /^E/ && $2 ~ /^https?:\/\// { print $2 }')
  return 1
}

# fetch_nupkg ID VERSION -> cached .nupkg path. Verified before it is cached: the NuGet signatures
# (`dotnet nuget verify --all`), and the SHA-512 against the feed's .nupkg.sha512 when the feed
# serves one, else against the .nupkg.sha512 NuGet wrote into a global packages folder, if any.
fetch_nupkg() {
  local id="${1,,}" ver="$2" dir="${GW_CACHE_DIR}/nuget" base f url actual expected="" src="" home
  f="${dir}/${id}.${ver}.nupkg"
  if [[ -s "$f" ]]; then printf '%s\n' "$f"; return 0; fi
  mkdir -p "$dir"
  base="$(nuget_base)" || die "no NuGet source with a PackageBaseAddress (dotnet nuget list source)"
  url="${base}/${id}/${ver}/${id}.${ver}.nupkg"
  log "downloading ${id} ${ver} from the NuGet flat container"
  curl -fsSL --retry 3 -o "${f}.partial" "$url" || die "download failed: ${url}"
  actual="$(openssl dgst -sha512 -binary "${f}.partial" | base64 -w0)"
  if expected="$(curl -fsS "${url}.sha512" 2>/dev/null)" && [[ -n "$expected" ]]; then
    src="feed"
  else
    expected=""
    for home in "${NUGET_PACKAGES:-}" "${HOME}/.nuget/packages" \
      "$(getent passwd "${SUDO_USER:-root}" | cut -d: -f6)/.nuget/packages"; do
      if [[ -n "$home" && -s "${home}/${id}/${ver}/${id}.${ver}.nupkg.sha512" ]]; then
        expected="$(cat "${home}/${id}/${ver}/${id}.${ver}.nupkg.sha512")"
        src="${home}"
        break
      fi
    done
  fi
  if [[ -n "$expected" ]]; then
    [[ "$actual" == "$expected" ]] || { rm -f "${f}.partial"; die "${id} ${ver}: SHA-512 differs from ${src}"; }
    log "${id} ${ver}: SHA-512 matches ${src}"
  else
    warn "${id} ${ver}: no .nupkg.sha512 to compare with (feed serves none, not in a NuGet cache)"
  fi
  "${DOTNET_DIR}/dotnet" nuget verify --all "${f}.partial" >&2 \
    || { rm -f "${f}.partial"; die "${id} ${ver}: NuGet signature verification failed"; }
  mv "${f}.partial" "$f"
  printf '%s\n' "$f"
}

# stage_dotnet_from_packs DIR NETCORE_NUPKG ASPNET_NUPKG RID: lay out a DOTNET_ROOT from runtime packs.
stage_dotnet_from_packs() {
  local out="$1" netcore="$2" aspnet="$3" rid="$4" tmp
  tmp="$(mktemp -d)"
  unzip -q "$netcore" "runtimes/${rid}/*" LICENSE.TXT THIRD-PARTY-NOTICES.TXT Microsoft.NETCore.App.versions.txt -d "${tmp}/netcore"
  unzip -q "$aspnet" "runtimes/${rid}/*" Microsoft.AspNetCore.App.versions.txt -d "${tmp}/aspnet"
  local fw="${out}/shared/Microsoft.NETCore.App/${DOTNET_VERSION}"
  local aspfw="${out}/shared/Microsoft.AspNetCore.App/${ASPNET_VERSION}"
  local fxr="${out}/host/fxr/${DOTNET_VERSION}"
  mkdir -p "$fw" "$aspfw" "$fxr"
  # the pack's lib/ holds the managed assemblies and the framework's .deps.json (with this RID's
  # runtimeTarget) and .runtimeconfig.json; native/ the runtime and, separately here, hostfxr
  cp "${tmp}/netcore/runtimes/${rid}/lib/net10.0/"* "$fw/"
  cp "${tmp}/netcore/runtimes/${rid}/native/"* "$fw/"
  mv "${fw}/libhostfxr.so" "${fxr}/libhostfxr.so"
  cp "${tmp}/aspnet/runtimes/${rid}/lib/net10.0/"* "$aspfw/"
  # .version as in an installed framework (commit + version), from the packs' versions.txt
  cp "${tmp}/netcore/Microsoft.NETCore.App.versions.txt" "${fw}/.version"
  cp "${tmp}/aspnet/Microsoft.AspNetCore.App.versions.txt" "${aspfw}/.version"
  cp "${tmp}/netcore/LICENSE.TXT" "${out}/LICENSE.txt"
  cp "${tmp}/netcore/THIRD-PARTY-NOTICES.TXT" "${out}/ThirdPartyNotices.txt"
  find "$out" -type d -exec chmod 755 {} +
  find "$out" -type f -exec chmod 644 {} +
  find "$fw" "$fxr" -type f \( -name '*.so' -o -name createdump \) -exec chmod 755 {} +
  [[ -s "${fw}/Microsoft.NETCore.App.deps.json" && -s "${aspfw}/Microsoft.AspNetCore.App.deps.json" ]] \
    || die "runtime packs without the frameworks' .deps.json"
  grep -q "\"name\": \".NETCoreApp,Version=v10.0/${rid}\"" "${fw}/Microsoft.NETCore.App.deps.json" \
    || die "Microsoft.NETCore.App.deps.json does not target ${rid}"
  rm -rf "$tmp"
}

RUNTIME_ARM64_IMAGE="${RUNTIME_IMAGE}-arm64v8" # per-architecture tags, as on MCR
RUNTIME_AMD64_IMAGE="${RUNTIME_IMAGE}-amd64"
build_runtime_arm64() {
  local arch=arm64 rid=linux-arm64 dir="${IMAGES_DIR}/aspnet-chiseled" tar ctx hash netcore aspnet
  local builder_image
  netcore="$(fetch_nupkg Microsoft.NETCore.App.Runtime.${rid} "$DOTNET_VERSION")"
  aspnet="$(fetch_nupkg Microsoft.AspNetCore.App.Runtime.${rid} "$ASPNET_VERSION")"
  tar="$(rootfs_tarball "$arch" "${RUNTIME_ARM64_PACKAGES[@]}")"
  hash="$(
    {
      printf 'recipe=%s\narch=%s\nrootfs=%s\n' "$RECIPE_VERSION" "$arch" "$(basename "$tar")"
      cat "${dir}/Dockerfile" "${dir}/Dockerfile.builder" "${dir}/assemble-rootfs.sh"
      sha512sum "$netcore" "$aspnet" | sed 's#  .*/#  #'
    } | short_hash
  )"
  if ((!force)) && [[ "$(image_hash "$RUNTIME_ARM64_IMAGE")" == "$hash" ]]; then
    log "${RUNTIME_ARM64_IMAGE} is up to date (inputs ${hash})"
    skipped+=("$RUNTIME_ARM64_IMAGE")
    return 0
  fi
  ctx="${GW_CACHE_DIR}/context-aspnet-builder-${arch}"
  rm -rf "$ctx"
  mkdir -p "${ctx}/dotnet"
  ln "$tar" "${ctx}/rootfs.tar" 2>/dev/null || cp "$tar" "${ctx}/rootfs.tar"
  stage_dotnet_from_packs "${ctx}/dotnet" "$netcore" "$aspnet" "$rid"
  builder_image="gateway-ci/aspnet-builder-${arch}:${hash}"
  log "building ${builder_image} (bookworm ${arch} + ${rid} runtime packs)"
  docker buildx build --platform "linux/${arch}" --load --network host --progress=plain \
    -f "${dir}/Dockerfile.builder" -t "$builder_image" "$ctx" >&2
  rm -rf "$ctx"
  build "$RUNTIME_ARM64_IMAGE" "${dir}/Dockerfile" "$dir" "$hash" \
    --platform "linux/${arch}" --build-arg "RUNTIME_ARCH=${arch}" \
    --build-arg "BUILDER_IMAGE=${builder_image}" \
    --build-arg "DOTNET_VERSION=${DOTNET_VERSION}" \
    --build-arg "ASPNET_VERSION=${ASPNET_VERSION}"
  docker image rm "$builder_image" >/dev/null 2>&1 || true
  [[ "$(docker image inspect -f '{{.Architecture}}' "$RUNTIME_ARM64_IMAGE")" == arm64 ]] \
    || die "${RUNTIME_ARM64_IMAGE} is not an arm64 image"
  built+=("$RUNTIME_ARM64_IMAGE")
}

# registry_manifest IMAGE [-I] -> the registry's manifest (or headers with -I) for IMAGE
# (REPO:TAG or REPO@DIGEST)
registry_manifest() {
  local image="$1" repo tag
  shift
  if [[ "$image" == *@* ]]; then
    repo="${image%@*}"
    tag="${image#*@}"
  else
    repo="${image%:*}"
    tag="${image##*:}"
  fi
  curl -fsS "$@" \
    -H 'Accept: application/vnd.docker.distribution.manifest.list.v2+json' \
    -H 'Accept: application/vnd.oci.image.index.v1+json' \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "http://${REGISTRY}/v2/${repo#"${REGISTRY}"/}/manifests/${tag}" 2>/dev/null
}
registry_digest() {
  registry_manifest "$1" -I | tr -d '\r' | awk 'tolower($1)=="docker-content-digest:" { print $2 }'
}
# registry_index_digests IMAGE -> "platform digest" lines when IMAGE is an index in the registry
registry_index_digests() {
  registry_manifest "$1" | jq -r 'select(.manifests != null) | .manifests[]
    | "\(.platform.os)/\(.platform.architecture) \(.digest)"' 2>/dev/null | sort
}

# Push both architectures by digest (under their per-architecture tags) and merge them into the
# multi-arch index RUNTIME_IMAGE; the local RUNTIME_IMAGE tag then becomes that index too.
publish_runtime_index() {
  local repo="${RUNTIME_IMAGE%:*}" amd arm want have
  if ! docker image inspect "$RUNTIME_AMD64_IMAGE" >/dev/null 2>&1; then
    # A lab set up before the amd64 image had its own name: the local RUNTIME_IMAGE is still that image.
    [[ "$(docker image inspect -f '{{.Id}}' "$RUNTIME_IMAGE")" != "$(registry_digest "$RUNTIME_IMAGE")" ]] \
      || die "${RUNTIME_AMD64_IMAGE} is not in the local image store; run with --force-images"
    docker tag "$RUNTIME_IMAGE" "$RUNTIME_AMD64_IMAGE"
  fi
  push_if_needed "$RUNTIME_AMD64_IMAGE"
  push_if_needed "$RUNTIME_ARM64_IMAGE"
  amd="$(registry_digest "$RUNTIME_AMD64_IMAGE")"
  arm="$(registry_digest "$RUNTIME_ARM64_IMAGE")"
  [[ -n "$amd" && -n "$arm" ]] || die "per-architecture images are not in the registry"
  want="$(printf '%s\n' "linux/amd64 ${amd}" "linux/arm64 ${arm}" | sort)"
  have="$(registry_index_digests "$RUNTIME_IMAGE")"
  if [[ "$have" == "$want" ]]; then
    log "registry index ${RUNTIME_IMAGE} is up to date (amd64 ${amd}, arm64 ${arm})"
  else
    log "creating the index ${RUNTIME_IMAGE}: linux/amd64 ${amd} + linux/arm64 ${arm}"
    docker buildx imagetools create -t "$RUNTIME_IMAGE" "${repo}@${amd}" "${repo}@${arm}" >&2
    have="$(registry_index_digests "$RUNTIME_IMAGE")"
    [[ "$have" == "$want" ]] || die "index ${RUNTIME_IMAGE} does not list both platforms: ${have}"
    built+=("${RUNTIME_IMAGE} (index)")
  fi
  use_index_locally
}

# The local RUNTIME_IMAGE tag must be the registry's index, with both platforms' content: Docker 26's BuildKit
# (containerd image store) takes a single-platform local tag for a FROM of ANY platform, so an arm64 build on
# the amd64 image would get x86-64 .NET libraries under an arm64 label, and run them natively without a word.
use_index_locally() {
  local index platform
  index="$(registry_digest "$RUNTIME_IMAGE")"
  if [[ "$(docker image inspect -f '{{.Id}}' "$RUNTIME_IMAGE" 2>/dev/null)" == "$index" ]]; then
    return 0
  fi
  log "local ${RUNTIME_IMAGE} becomes the registry's index ${index} (both platforms)"
  for platform in linux/amd64 linux/arm64; do
    docker pull --quiet --platform "$platform" "$RUNTIME_IMAGE" >&2
  done
  [[ "$(docker image inspect -f '{{.Id}}' "$RUNTIME_IMAGE")" == "$index" ]] \
    || die "local ${RUNTIME_IMAGE} is $(docker image inspect -f '{{.Id}}' "$RUNTIME_IMAGE") after the pull, not the index ${index}"
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
if ((arm64)); then
  build_runtime_arm64
  publish_runtime_index
  if ((verify)); then "${GW_CI_DIR}/verify-base-images.sh" --arm64; fi
fi

# size IMAGE [ARCH] -> "local uncompressed / compressed in the registry" (ARCH: entry of an index)
size() {
  local image="$1" arch="${2:-amd64}" repo manifest local_mb remote_mb d
  repo="${image%:*}"
  # unpacked: the layers' sizes in docker history (the containerd store's inspect .Size counts compressed content)
  local_mb="$(docker image history --human=false --format '{{.Size}}' "$image" | awk '{ s += $1 } END { printf "%.0f", s / 1000000 }')"
  manifest="$(registry_manifest "$image")" || true
  d="$(jq -r --arg a "$arch" '.manifests[]? | select(.platform.architecture == $a) | .digest' <<<"$manifest" 2>/dev/null)" || true
  if [[ -n "$d" ]]; then manifest="$(registry_manifest "${repo}@${d}")" || true; fi
  remote_mb="$(jq '[.layers[].size] | add / 1000000 | round' <<<"$manifest" 2>/dev/null)" || true
  printf '%s MB (%s MB compressed)' "$local_mb" "${remote_mb:-?}"
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
