#!/usr/bin/env bash
# Bootstraps the build: finds (or installs) the .NET SDK that global.json asks for, builds build/Build/_build.csproj
# when its sources changed, and runs it with the given arguments. `./build.sh --help` lists targets and parameters.
set -eo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD_PROJECT="$SCRIPT_DIR/build/Build/_build.csproj"
BUILD_DLL="$SCRIPT_DIR/build/Build/bin/_build.dll"
TEMP_DIRECTORY="$SCRIPT_DIR/.nuke/temp"
STAMP_FILE="$TEMP_DIRECTORY/build-inputs.sha256"
DOTNET_INSTALL_URL="https://dot.net/v1/dotnet-install.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# An SDK on PATH that satisfies global.json makes `dotnet --version` succeed inside the repository.
if command -v dotnet >/dev/null 2>&1 && (cd "$SCRIPT_DIR" && dotnet --version >/dev/null 2>&1); then
    DOTNET_EXE=$(command -v dotnet)
else
    DOTNET_DIRECTORY="$TEMP_DIRECTORY/dotnet-unix"
    DOTNET_EXE="$DOTNET_DIRECTORY/dotnet"
    if [[ ! -x "$DOTNET_EXE" ]]; then
        DOTNET_VERSION=$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$SCRIPT_DIR/global.json" | head -n 1)
        echo "The .NET SDK $DOTNET_VERSION (global.json) is not installed; installing it into $DOTNET_DIRECTORY." >&2
        mkdir -p "$TEMP_DIRECTORY"
        curl -fsSL "$DOTNET_INSTALL_URL" -o "$TEMP_DIRECTORY/dotnet-install.sh" || {
            echo "error: could not download $DOTNET_INSTALL_URL. Install the .NET SDK $DOTNET_VERSION yourself (https://dot.net) and re-run." >&2
            exit 1
        }
        bash "$TEMP_DIRECTORY/dotnet-install.sh" --install-dir "$DOTNET_DIRECTORY" --version "$DOTNET_VERSION" --no-path
    fi
    export DOTNET_ROOT="$DOTNET_DIRECTORY"
    export PATH="$DOTNET_DIRECTORY:$PATH"
fi

# Rebuild only when an input of the build project changed: a warm `./build.sh --help` starts in well under a second.
build_inputs_hash() {
    (
        cd "$SCRIPT_DIR"
        find build -type f \( -name '*.cs' -o -name '*.csproj' -o -name 'packages.lock.json' \) -not -path '*/bin/*' -not -path '*/obj/*'
        printf '%s\n' global.json Directory.Build.props Directory.Packages.props .editorconfig
    ) | LC_ALL=C sort | (cd "$SCRIPT_DIR" && xargs sha256sum) | sha256sum | cut -d' ' -f1
}

INPUTS_HASH=$(build_inputs_hash)
if [[ ! -f "$BUILD_DLL" || ! -f "$STAMP_FILE" || "$(cat "$STAMP_FILE")" != "$INPUTS_HASH" ]]; then
    mkdir -p "$TEMP_DIRECTORY"
    rm -f "$STAMP_FILE"
    # Quiet when it works; the whole compiler output when it does not.
    if ! BUILD_OUTPUT=$("$DOTNET_EXE" build "$BUILD_PROJECT" /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet 2>&1); then
        echo "$BUILD_OUTPUT" >&2
        echo "error: the build project did not compile (see above)." >&2
        exit 1
    fi
    echo "$INPUTS_HASH" > "$STAMP_FILE"
fi

exec "$DOTNET_EXE" "$BUILD_DLL" "$@"
