#!/usr/bin/env bash
# Makes PowerShell (pwsh) available to the build.ps1 tests (tests/Build.Tests/Bootstrap), as GitHub's runner images
# have it preinstalled:
#   scripts/ci/install-pwsh.sh            a pwsh on PATH (GitHub's images) is used as it is; otherwise (the rehearsal's
#                                         runner stand-in) PowerShell is installed into $RUNNER_TEMP/pwsh (else
#                                         ~/.local/share/gateway-pwsh)
#   scripts/ci/install-pwsh.sh --dir DIR  PowerShell in DIR, whatever PATH has (.ci/run: /opt/pwsh); quick when it is there
# Installs the NuGet package PowerShell (pinned below) as a dotnet tool: needs the .NET SDK on PATH. The package's
# author and repository signatures and its content hash (committed below) are checked before pwsh first runs; a
# failure leaves nothing installed. Adds the folder to $GITHUB_PATH when set; the last line printed is pwsh's path.
set -euo pipefail

# 7.6.10 runs on the .NET 10 runtime of global.json's SDK; 7.7.0 does not install here.
version=7.6.10
# "Content hash" of `dotnet nuget verify --all` for PowerShell.7.6.10.nupkg (signature-independent, as NuGet defines it).
content_hash='OP56S2GS+DaRvDMKeC/W3H5v3DVWzMfefgCicBa6f6GByP/d91I79K1RJlEW9tF4xkbS2zEnesZ3y5lKXx/q7w=='

die() { printf 'install-pwsh: %s\n' "$*" >&2; exit 1; }
version_of() { "$1" -NoLogo -NoProfile -Command "\$PSVersionTable.PSVersion.ToString()"; }

dir=""
case "${1:-}" in
  "") ;;
  --dir) dir=${2:?--dir needs a folder}; [[ $# -eq 2 ]] || die "usage: scripts/ci/install-pwsh.sh [--dir DIR]" ;;
  *) die "usage: scripts/ci/install-pwsh.sh [--dir DIR]" ;;
esac

if [[ -z "$dir" ]]; then
  if existing=$(command -v pwsh); then
    echo "install-pwsh: using $(version_of "$existing") on PATH"
    echo "$existing"
    exit 0
  fi
  dir=${RUNNER_TEMP:+$RUNNER_TEMP/pwsh}
  dir=${dir:-$HOME/.local/share/gateway-pwsh}
fi
dir=$(mkdir -p "$dir" && cd "$dir" && pwd)
pwsh=$dir/pwsh

add_to_path() { if [[ -n "${GITHUB_PATH:-}" ]]; then echo "$dir" >>"$GITHUB_PATH"; fi; echo "$pwsh"; }

# Installed before (and verified then): the store holds exactly this version.
if [[ -x "$pwsh" && -d "$dir/.store/powershell/$version" ]]; then
  echo "install-pwsh: PowerShell $version is installed in $dir"
  add_to_path
  exit 0
fi

command -v dotnet >/dev/null || die "the .NET SDK is not on PATH: PowerShell installs as a dotnet tool (see README.md, Prerequisites)"
if [[ -e "$pwsh" ]]; then
  echo "install-pwsh: replacing another PowerShell in $dir with $version"
  dotnet tool uninstall --tool-path "$dir" PowerShell >/dev/null || die "could not uninstall the PowerShell in $dir: delete the folder and re-run"
fi

echo "install-pwsh: dotnet tool install --tool-path $dir PowerShell --version $version"
# From a scratch folder: a tool manifest or NuGet.config of the current folder must not change what is installed.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/install-pwsh.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && dotnet tool install --tool-path "$dir" PowerShell --version "$version") >&2 ||
  die "dotnet tool install of PowerShell $version failed (see above): is NuGet reachable?"

remove() { dotnet tool uninstall --tool-path "$dir" PowerShell >/dev/null 2>&1 || rm -rf "$dir/pwsh" "$dir/.store/powershell"; }
package=$dir/.store/powershell/$version/powershell/$version/powershell.$version.nupkg
if ! verified=$(cd "$scratch" && dotnet nuget verify --all "$package" 2>&1); then
  remove
  die "the signatures of $package do not verify; PowerShell was uninstalled. dotnet nuget verify said:"$'\n'"$verified"
fi
actual=$(sed -n 's/^Content hash: *//p' <<<"$verified" | tr -d '\r')
if [[ "$actual" != "$content_hash" ]]; then
  remove
  die "content hash mismatch for PowerShell $version: expected $content_hash, actual ${actual:-none}. PowerShell was" \
    "uninstalled. Find out why before changing the hash in ${BASH_SOURCE[0]}."
fi

[[ "$(version_of "$pwsh")" == "$version" ]] ||
  die "$pwsh does not run as PowerShell $version"
echo "install-pwsh: PowerShell $version installed in $dir (signatures and content hash verified)"
add_to_path
