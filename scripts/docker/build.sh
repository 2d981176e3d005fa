#!/usr/bin/env bash
# Builds the gateway image (and the echo upstream image) from Dockerfile.multistage: a thin wrapper over
# the build's DockerBuild target, so every option is the build's own (`./build.sh --help` lists them).
#
# Usage: scripts/docker/build.sh [build options...]
#   scripts/docker/build.sh                          # mcr.microsoft.com base images, the engine's platform
#   scripts/docker/build.sh --profile offline        # the local stand-in base images (scripts/ci/setup-offline.sh)
#   scripts/docker/build.sh --platform linux/arm64 --no-cache
#
# Result: gateway:dev, gateway-echo:dev, the registry tags, and artifacts/image.json.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
exec "$ROOT/build.sh" DockerBuild "$@"
