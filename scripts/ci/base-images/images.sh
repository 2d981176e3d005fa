# shellcheck shell=bash
# The stand-in .NET base images, built with docker build from docker/base-images/: the SDK (amd64), the chiseled
# ASP.NET Core runtime (amd64) and, with --arm64, its linux/arm64 variant. Sourced by build-base-images.sh after
# lib.sh, rootfs.sh and nuget.sh; reads the orchestrator's settings (images, versions, FORCE, EXTRA_CA) and appends
# to its built/skipped lists.
# Each image carries the hash of its inputs in the label LABEL; an image whose label matches is not rebuilt, which
# is what keeps a run on a provisioned machine at about a second.

LABEL=dev.gateway.base.input-hash
IMAGES_DIR="${GW_REPO_ROOT}/docker/base-images"
# Bump when the build logic in these scripts changes in a way the hashed files do not show.
RECIPE_VERSION=1
# Packages on top of minbase for the SDK stand-in (the .NET dependencies of Debian 12).
SDK_PACKAGES=(ca-certificates libc6 libgcc-s1 libgssapi-krb5-2 libicu72 libssl3 libstdc++6 tzdata zlib1g)
# Packages on top of minbase for the arm64 builder of the runtime stand-in (assemble-rootfs.sh
# takes only what the runtime loads: glibc, libstdc++, libgcc_s, OpenSSL 3, the CA bundle).
RUNTIME_ARM64_PACKAGES=(ca-certificates libssl3 libstdc++6)
SDK_HASH="" # the SDK's input hash, part of the runtime's (the runtime is assembled in the SDK image)

image_hash() { docker image inspect -f "{{ index .Config.Labels \"${LABEL}\" }}" "$1" 2>/dev/null || true; }

# build IMAGE DOCKERFILE CONTEXT HASH [--build-arg ...]
build() {
  local image="$1" dockerfile="$2" ctx="$3" hash="$4"
  shift 4
  local old
  old="$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)"
  log "building ${image} (inputs ${hash})"
  # --provenance=false: one plain image manifest per platform, as the registry index (index.sh) and the
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
  ncerts="$(stage_extra_ca "${ctx}/extra-ca" "${EXTRA_CA[@]}")"
  hash="$(
    {
      printf 'recipe=%s\nrootfs=%s\n' "$RECIPE_VERSION" "$(basename "$tar")"
      cat "${IMAGES_DIR}/sdk/Dockerfile"
      (cd "$DOTNET_DIR" && find . -maxdepth 3 \( -type d -printf '%P/\n' \) -o -printf '%P %s\n' | sort)
      (cd "${ctx}/extra-ca" && find . -name '*.crt' -print0 | sort -z | xargs -0 -r sha256sum)
    } | short_hash
  )"
  if ((!FORCE)) && [[ "$(image_hash "$SDK_IMAGE")" == "$hash" ]]; then
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
  if ((!FORCE)) && [[ "$(image_hash "$RUNTIME_IMAGE")" == "$hash" ]]; then
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

# --- arm64 runtime stand-in ----------------------------------------------------------------------
# The linux-arm64 frameworks and libhostfxr.so come from the NuGet runtime packs (nuget.sh), the arm64 system
# libraries from mmdebstrap --arch=arm64 (rootfs.sh); both form a local arm64 builder image in which the same
# Dockerfile and assemble-rootfs.sh as for amd64 run under qemu.
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
  if ((!FORCE)) && [[ "$(image_hash "$RUNTIME_ARM64_IMAGE")" == "$hash" ]]; then
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
