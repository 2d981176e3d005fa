#!/usr/bin/env bash
# Builds the images and tests them against the real Docker engine (tests/Image.Tests: health, non-root,
# no shell, OCI labels, read-only, SIGTERM, configuration by environment, compose): a thin wrapper
# over the build's ImageTest target (which depends on Compile and DockerBuild).
#
# Usage: scripts/docker/test-image.sh [build options...]
#   scripts/docker/test-image.sh --profile offline
#   scripts/docker/test-image.sh --image-size-budget-mb 150
#
# Needs a running Docker engine with the compose plugin. TRX results: artifacts/test-results/image/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
exec "$ROOT/build.sh" ImageTest "$@"
