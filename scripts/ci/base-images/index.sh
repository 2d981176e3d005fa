# shellcheck shell=bash
# The multi-arch runtime tag (--arm64): the registry's RUNTIME_IMAGE becomes an index of the amd64 and arm64 images,
# and the local tag of that name becomes the same index. Sourced by build-base-images.sh after lib.sh and
# registry.sh; reads RUNTIME_IMAGE, RUNTIME_AMD64_IMAGE, RUNTIME_ARM64_IMAGE and appends to built.
# The index is assembled by `docker buildx imagetools create`: it writes only the index, by digest, from manifests
# already in the registry. skopeo 1.9 copies indexes but cannot make one from separate images.

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
  amd="$(registry_digest "$RUNTIME_AMD64_IMAGE")" || true
  arm="$(registry_digest "$RUNTIME_ARM64_IMAGE")" || true
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
  index="$(registry_digest "$RUNTIME_IMAGE")" || die "the registry has no ${RUNTIME_IMAGE}"
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
