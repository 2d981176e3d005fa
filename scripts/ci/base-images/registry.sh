# shellcheck shell=bash
# The local registry (GW_REGISTRY_ADDR, plain HTTP) as the base images see it: manifests read with skopeo, local
# images pushed with docker. Sourced by build-base-images.sh (after lib.sh).
# skopeo speaks the registry protocol (content negotiation for indexes and both manifest formats, plain HTTP with
# --tls-verify=false), so no hand-made HTTP requests or header parsing are needed; it takes about 40 ms a call.
# Pushes stay `docker push`: with the containerd image store the engine pushes the blobs it stores, so the registry
# digest equals the local image's RepoDigest (push_if_needed and index.sh compare them); skopeo's docker-daemon:
# transport would go through `docker save` and could produce other digests.

# registry_manifest IMAGE -> IMAGE's manifest (an image index or an image manifest) exactly as the registry serves
# it; IMAGE is REPO:TAG or REPO@DIGEST. Fails when the registry does not have it.
registry_manifest() {
  skopeo inspect --raw --tls-verify=false "docker://$1" 2>/dev/null
}

# registry_digest IMAGE -> the digest a pull of IMAGE resolves to: the sha256 of the manifest's exact bytes (content
# addressing), so one request answers it. Fails when the registry does not have IMAGE.
registry_digest() {
  local sum
  sum="$(registry_manifest "$1" | sha256sum)" || return 1 # pipefail: a failed read is not the hash of nothing
  printf 'sha256:%s\n' "${sum%% *}"
}

# registry_index_digests IMAGE -> "platform digest" lines, sorted, when IMAGE is an index in the registry
registry_index_digests() {
  registry_manifest "$1" | jq -r 'select(.manifests != null) | .manifests[]
    | "\(.platform.os)/\(.platform.architecture) \(.digest)"' 2>/dev/null | sort
}

# registry_compressed_mb IMAGE [ARCH] -> the layers' compressed size in MB (ARCH: the entry of an index; amd64)
registry_compressed_mb() {
  local image="$1" arch="${2:-amd64}" manifest d
  manifest="$(registry_manifest "$image")" || return 1
  d="$(jq -r --arg a "$arch" '.manifests[]? | select(.platform.architecture == $a) | .digest' <<<"$manifest" 2>/dev/null)"
  if [[ -n "$d" ]]; then manifest="$(registry_manifest "${image%:*}@${d}")" || return 1; fi
  jq '[.layers[].size] | add / 1000000 | round' <<<"$manifest" 2>/dev/null
}

# push_if_needed IMAGE: push unless the registry already serves this image's manifest, directly or
# as an entry of the multi-arch index that --arm64 makes of the runtime tag (index.sh).
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
