#!/usr/bin/env bash
# Installs one CI tool from its pinned upstream release, verified against the sha256 committed in tools.lock:
#   scripts/ci/install-tool.sh <name>        (gitleaks, trivy, syft, cosign)
# Picks the line for this machine's architecture (uname -m), downloads it with curl (HTTPS only, retries),
# checks the sha256 BEFORE anything runs or is unpacked, runs `<name> version` from a scratch folder, and only then
# moves the binary into the install folder and adds that folder to $GITHUB_PATH (when set). A failure at any
# point leaves nothing installed: the scratch folder, download included, is deleted on exit.
#
# Environment:
#   GATEWAY_TOOLS_DIR     install folder (default: $RUNNER_TEMP/gateway-tools on GitHub, else ~/.local/bin)
#   GATEWAY_TOOLS_TABLE   another table of the same format (tests, the rehearsal); default: tools.lock beside this
#   GATEWAY_TOOLS_MIRROR  a base URL that replaces https://github.com in the table's URLs (tests, the offline
#                         rehearsal's loopback mirror; plain http allowed only then). Never set on GitHub.
set -euo pipefail

die() { printf 'install-tool: %s\n' "$*" >&2; exit 1; }

[[ $# -eq 1 && -n "$1" ]] || die "usage: scripts/ci/install-tool.sh <name> (a tool of scripts/ci/tools.lock)"
name=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
table=${GATEWAY_TOOLS_TABLE:-$here/tools.lock}
[[ -r "$table" ]] || die "no tools table at $table"

case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) die "no $name build for this machine's architecture $(uname -m) in $table (x86_64 and aarch64 only)" ;;
esac

rows=$(awk -v tool="$name" -v arch="$arch" '$1 !~ /^#/ && NF > 0 && $1 == tool && $3 == arch' "$table")
[[ -n "$rows" ]] || die "$name for $arch is not in $table: add its line (see the table's header for how)"
[[ $(wc -l <<<"$rows") -eq 1 ]] || die "$name for $arch has more than one line in $table: keep one"
read -r _ version _ url expected member extra <<<"$rows"
[[ -n "$member" && -z "${extra:-}" ]] || die "the line of $name for $arch in $table needs 6 columns: name version arch URL sha256 member"
[[ "$expected" =~ ^[0-9a-f]{64}$ ]] || die "the sha256 of $name for $arch in $table is not 64 lowercase hex digits: '$expected'"
[[ "$url" == https://* ]] || die "the URL of $name in $table is not https: $url"

protocols='=https'
if [[ -n "${GATEWAY_TOOLS_MIRROR:-}" ]]; then
  [[ "$url" == https://github.com/* ]] || die "GATEWAY_TOOLS_MIRROR replaces https://github.com, but the URL of $name is $url"
  url="${GATEWAY_TOOLS_MIRROR%/}/${url#https://github.com/}"
  protocols='=http,https'
fi

if [[ -n "${GATEWAY_TOOLS_DIR:-}" ]]; then
  destination=$GATEWAY_TOOLS_DIR
elif [[ -n "${RUNNER_TEMP:-}" ]]; then
  destination=$RUNNER_TEMP/gateway-tools
else
  destination=$HOME/.local/bin
fi

staged=""
scratch=$(mktemp -d "${TMPDIR:-/tmp}/install-$name.XXXXXX")
trap 'rm -rf "$scratch"; [[ -z "$staged" ]] || rm -f "$staged"' EXIT
file=$scratch/${url##*/}

echo "install-tool: $name $version ($arch) from $url"
curl --fail --silent --show-error --location --proto "$protocols" --proto-redir "$protocols" \
  --retry 4 --retry-delay 2 --retry-connrefused --connect-timeout 20 --max-time 600 \
  --output "$file" "$url" || die "downloading $url failed (curl exit $?): nothing was installed"

actual=$(sha256sum "$file" | cut -d' ' -f1)
if [[ "$actual" != "$expected" ]]; then
  rm -f "$file"
  die "checksum mismatch for ${file##*/} ($name $version, $arch): expected sha256 $expected, actual sha256 $actual." \
    "The download was deleted and nothing was installed. If the release was re-published, find out why before" \
    "changing $table (docs/ci.md#tools)."
fi

binary=$scratch/bin/$name
mkdir -p "$scratch/bin" "$scratch/unpacked"
if [[ "$member" == "-" ]]; then
  cp "$file" "$binary"
else
  tar -xzf "$file" -C "$scratch/unpacked" --no-same-owner -- "$member" ||
    die "${file##*/} has no member '$member' (the table's last column): nothing was installed"
  [[ -f "$scratch/unpacked/$member" && ! -L "$scratch/unpacked/$member" ]] ||
    die "'$member' in ${file##*/} is not a regular file: nothing was installed"
  mv "$scratch/unpacked/$member" "$binary"
fi
chmod 0755 "$binary"

# The binary must run before it is installed; its version line goes to the step's log.
version_output=$("$binary" version 2>&1) || die "'$name version' failed after the download verified: nothing was installed. Output: $version_output"

mkdir -p "$destination"
# A rename within the install folder: the tool appears complete or not at all.
staged=$(mktemp "$destination/.$name.XXXXXX")
cp "$binary" "$staged"
chmod 0755 "$staged"
mv -f "$staged" "$destination/$name"
staged=""

if [[ -n "${GITHUB_PATH:-}" ]]; then
  echo "$destination" >>"$GITHUB_PATH"
fi

echo "install-tool: $name $version installed in $destination (sha256 $actual verified against $table)"
# The version line (trivy, syft: "Version: x"; cosign: "GitVersion: vx"; gitleaks: "x.y.z"), else the first line.
grep -i -m 1 -E '^[[:space:]]*(git)?version[: ]|^v?[0-9]+\.[0-9]+' <<<"$version_output" || head -n 1 <<<"$version_output"
