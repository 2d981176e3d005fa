#!/usr/bin/env bash
# Stop the dockerd started by start-dockerd.sh, by the pid in its pidfile (never by name).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root
stop_by_pidfile "$GW_DOCKERD_PIDFILE" dockerd 30
