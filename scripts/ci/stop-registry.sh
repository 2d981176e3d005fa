#!/usr/bin/env bash
# Stop the registry started by start-registry.sh, by the pid in its pidfile.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root
stop_by_pidfile "$GW_REGISTRY_PIDFILE" docker-registry 15
