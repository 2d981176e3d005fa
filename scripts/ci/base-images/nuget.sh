# shellcheck shell=bash
# The linux-arm64 .NET runtime for the arm64 runtime stand-in, from NuGet: download + verify the runtime packs, and
# lay them out as a DOTNET_ROOT. Sourced by build-base-images.sh (after lib.sh); reads DOTNET_DIR, DOTNET_VERSION,
# ASPNET_VERSION.
# Why NuGet: the .NET download site cannot be reached here, the NuGet feed `dotnet restore` uses can. The feed is
# read from the machine's NuGet configuration at run time, so no feed host is written into the repository. NuGet
# serves no linux-arm64 `dotnet` muxer, hence the arm64 variant is apphost-only (scripts/ci/README.md).

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
