#!/usr/bin/env bash
# Step: register qemu-aarch64 with binfmt_misc so arm64 binaries (mmdebstrap --arch=arm64,
# arm64 containers) run under emulation. Never fatal: without it only arm64 work is impossible.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

BINFMT=/proc/sys/fs/binfmt_misc
ENTRY="${BINFMT}/qemu-aarch64"

if [[ -e "$ENTRY" ]] && grep -q '^enabled' "$ENTRY"; then
  summary "qemu: qemu-aarch64 already registered ($(grep '^flags' "$ENTRY" || true))"
  exit 0
fi

if [[ ! -e "${BINFMT}/register" ]]; then
  log "binfmt_misc is not mounted; mounting it"
  if ! mount -t binfmt_misc binfmt_misc "$BINFMT" 2>/dev/null; then
    warn "cannot mount binfmt_misc on ${BINFMT}: arm64 emulation is unavailable (amd64 work is unaffected)"
    summary "qemu: NOT enabled (binfmt_misc cannot be mounted)"
    exit 0
  fi
fi

have_cmd update-binfmts || die "update-binfmts missing (binfmt-support not installed)"
[[ -e /usr/share/binfmts/qemu-aarch64 ]] || die "qemu-user-static is not installed (no /usr/share/binfmts/qemu-aarch64)"

if ! update-binfmts --enable qemu-aarch64 >&2; then
  warn "update-binfmts --enable qemu-aarch64 failed: arm64 emulation is unavailable"
  summary "qemu: NOT enabled (update-binfmts failed)"
  exit 0
fi
if [[ -e "$ENTRY" ]]; then
  summary "qemu: qemu-aarch64 registered ($(grep '^flags' "$ENTRY" || true))"
else
  warn "update-binfmts succeeded but ${ENTRY} does not exist"
  summary "qemu: NOT enabled (${ENTRY} missing after update-binfmts)"
fi
