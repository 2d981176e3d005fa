# shellcheck shell=bash
# Root filesystems for the stand-in base images: mmdebstrap --variant=minbase tarballs, cached in GW_CACHE_DIR.
# Sourced by build-base-images.sh (after lib.sh); reads SOURCES (the apt sources mmdebstrap uses).
# A tarball is named after the hash of everything that shapes it, so a cached one is reused as is and a changed
# recipe or mirror makes a new one (mmdebstrap takes 1-2 min per architecture, 2.5-10 min for arm64 under qemu).

SUITE=bookworm
# Keep the root filesystem small, as Debian's own container images do.
DPKG_OPTS=(
  'path-exclude=/usr/share/man/*' 'path-exclude=/usr/share/info/*'
  'path-exclude=/usr/share/doc/*' 'path-include=/usr/share/doc/*/copyright'
  'path-exclude=/usr/share/locale/*' 'path-include=/usr/share/locale/locale.alias'
)

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
