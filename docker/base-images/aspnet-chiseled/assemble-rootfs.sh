#!/usr/bin/env bash
# Assemble a shell-less root filesystem for the ASP.NET Core runtime stand-in.
# Runs inside the builder stage, a Debian bookworm system of the TARGET architecture with .NET
# under /usr/share/dotnet: for amd64 the SDK stand-in; for arm64 Dockerfile.builder (bookworm
# arm64 + the linux-arm64 runtime packs), where it runs under qemu. Works out the library
# directory from the machine it runs on, so the same script serves both.
# Without a `dotnet` muxer in DOTNET_SRC (arm64: NuGet does not serve it) the image gets no
# /usr/bin/dotnet; apphosts still start through host/fxr/<version>/libhostfxr.so.
# Usage: assemble-rootfs OUT_DIR
set -euo pipefail

OUT="${1:?usage: assemble-rootfs OUT_DIR}"
DOTNET_SRC="${DOTNET_SRC:-/usr/share/dotnet}"
DOTNET_DST="${OUT}/usr/share/dotnet"

log() { printf '[assemble-rootfs] %s\n' "$*" >&2; }

rm -rf "$OUT"
# Debian's merged-/usr layout, so the paths ldd reports (/lib/..., /lib64/...) resolve.
mkdir -p "$OUT"/{etc,usr/bin,usr/lib,usr/lib64,home/app,app} "$DOTNET_DST/shared" "$DOTNET_DST/host"
ln -s usr/lib "$OUT/lib"
ln -s usr/lib64 "$OUT/lib64"
install -d -m 1777 "$OUT/tmp"

# 1. The dotnet host (when there is one), hostfxr and the two shared frameworks (no SDK, no packs).
for f in LICENSE.txt ThirdPartyNotices.txt; do
  [[ ! -e "$DOTNET_SRC/$f" ]] || cp -a "$DOTNET_SRC/$f" "$DOTNET_DST/"
done
cp -a "$DOTNET_SRC/host/fxr" "$DOTNET_DST/host/"
cp -a "$DOTNET_SRC/shared/Microsoft.NETCore.App" "$DOTNET_SRC/shared/Microsoft.AspNetCore.App" "$DOTNET_DST/shared/"
if [[ -x "$DOTNET_SRC/dotnet" ]]; then
  cp -a "$DOTNET_SRC/dotnet" "$DOTNET_DST/"
  ln -s /usr/share/dotnet/dotnet "$OUT/usr/bin/dotnet"
else
  log "no dotnet muxer in ${DOTNET_SRC}: apphost-only image (no /usr/bin/dotnet)"
fi

# 2. Shared libraries: the ldd closure of every ELF object in the copied .NET tree, plus
#    OpenSSL 3, which System.Security.Cryptography.Native.OpenSsl loads with dlopen (ldd
#    cannot see it). ICU is left out on purpose, as in the official chiseled image
#    (DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true).
copy_path() { # copy PATH into OUT keeping every symlink step on the way to the real file
  local p="$1" dir
  while :; do
    dir="$(readlink -f "$(dirname "$p")")"
    p="${dir}/$(basename "$p")"
    [[ -e "${OUT}${p}" || -L "${OUT}${p}" ]] || cp -a --parents "$p" "$OUT"
    [[ -L "$p" ]] || break
    local target
    target="$(readlink "$p")"
    [[ "$target" == /* ]] || target="${dir}/${target}"
    p="$target"
  done
}

mapfile -t elves < <(find "$DOTNET_DST" -type f \( -name '*.so' -o -name dotnet \))
# x86_64-linux-gnu, aarch64-linux-gnu (under qemu, uname -m reports the emulated machine)
multiarch="$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -dumpmachine 2>/dev/null || echo "$(uname -m)-linux-gnu")"
[[ -e "/usr/lib/${multiarch}/libssl.so.3" ]] || { log "ERROR: no /usr/lib/${multiarch}/libssl.so.3 (install libssl3)"; exit 1; }
elves+=("/usr/lib/${multiarch}/libssl.so.3" "/usr/lib/${multiarch}/libcrypto.so.3")

declare -A libs=()
missing=()
for f in "${elves[@]}"; do
  while read -r line; do
    case "$line" in
      *'=> not found'*) missing+=("$(basename "$f"): ${line%% *}") ;;
      *"=> ${OUT}/"*) ;; # one of the copied .NET libraries (RPATH $ORIGIN)
      *'=> /'*) l="${line#*=> }"; libs["${l%% (*}"]=1 ;;
      /*) libs["${line%% (*}"]=1 ;; # the dynamic loader
    esac
  done < <(ldd "$f" 2>/dev/null || true)
done
libs["/usr/lib/${multiarch}/libssl.so.3"]=1
libs["/usr/lib/${multiarch}/libcrypto.so.3"]=1
for l in "${!libs[@]}"; do copy_path "$l"; done
log "copied ${#libs[@]} shared libraries:"
for l in "${!libs[@]}"; do printf '  %s\n' "$l"; done | sort >&2
if ((${#missing[@]})); then
  log "optional libraries not present (not needed at run time):"
  printf '  %s\n' "${missing[@]}" | sort -u >&2
fi

# 3. CA certificates: the distribution bundle only (Mozilla roots), like the official image.
#    Machine- or company-specific CAs go into the SDK stand-in (restore), not into runtime images.
mkdir -p "$OUT/etc/ssl/certs" "$OUT/usr/lib/ssl"
find /usr/share/ca-certificates/mozilla -name '*.crt' -print0 | sort -z | xargs -0 cat >"$OUT/etc/ssl/certs/ca-certificates.crt"
ln -s /etc/ssl/certs "$OUT/usr/lib/ssl/certs"
cp -a /etc/ssl/openssl.cnf "$OUT/etc/ssl/openssl.cnf"
ln -s /etc/ssl/openssl.cnf "$OUT/usr/lib/ssl/openssl.cnf"
log "CA bundle: $(grep -c 'BEGIN CERTIFICATE' "$OUT/etc/ssl/certs/ca-certificates.crt") certificates"

# 4. Users, groups and the few files glibc and .NET look at.
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:1654:1654::/home/app:/usr/sbin/nologin\n' >"$OUT/etc/passwd"
printf 'root:x:0:\napp:x:1654:\n' >"$OUT/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$OUT/etc/nsswitch.conf"
cp -L /etc/os-release "$OUT/etc/os-release"
chown 1654:1654 "$OUT/home/app"
chmod 0755 "$OUT/home/app"

# 5. It must stay shell-less.
for s in sh bash dash; do
  for d in bin usr/bin sbin usr/sbin; do
    [[ ! -e "$OUT/$d/$s" ]] || { log "ERROR: $d/$s found in the runtime rootfs"; exit 1; }
  done
done
log "rootfs size: $(du -sh "$OUT" | cut -f1)"
