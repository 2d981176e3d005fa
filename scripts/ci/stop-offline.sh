#!/usr/bin/env bash
# Stop what setup-offline.sh started (registry, then dockerd), each by its pidfile.
# Installed packages, tools, images and caches stay.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root
"${GW_CI_DIR}/stop-registry.sh"
"${GW_CI_DIR}/stop-dockerd.sh"
