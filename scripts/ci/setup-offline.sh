#!/usr/bin/env bash
# Provision this machine for offline Docker work, idempotently (a second run takes seconds):
#   1. Debian packages (runc, docker-registry, mmdebstrap, qemu-user-static, ...)
#   2. docker-buildx, docker-compose, cosign, gitleaks taken from trixie (not installed as packages)
#   3. Docker Engine 26 + containerd 1.7 taken from trixie the same way (into /opt/gateway-docker)
#   4. dockerd in the background with the containerd image store, loopback-only (no bridge, no iptables);
#      replaces an older engine that this script started (bookworm's 20.10)
#   5. a local registry on 127.0.0.1:5000
#   6. qemu-aarch64 through binfmt_misc (warns only, if impossible)
#   7. stand-in .NET base images, built locally and pushed to the local registry
#      (--arm64: also the arm64 runtime stand-in; the registry's aspnet tag becomes linux/amd64+arm64)
#   8. the runner stand-in image for the workflow rehearsal (gateway-rehearsal/runner:ubuntu-24.04)
# Usage: scripts/ci/setup-offline.sh [--extra-ca PATH]... [--arm64] [--force-images]
#                                    [--skip-images] [--verbose]
# Each step's output goes to /var/log/gateway-ci/setup-<step>.log (--verbose: also the terminal).
# Stop the daemons with scripts/ci/stop-offline.sh.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

usage() { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

image_args=() runner_args=()
skip_images=0 verbose=0
while (($#)); do
  case "$1" in
    --extra-ca)
      image_args+=(--extra-ca "${2:?--extra-ca needs a path}")
      runner_args+=(--extra-ca "$2")
      shift
      ;;
    --arm64) image_args+=(--arm64) ;;
    --force-images) image_args+=(--force); runner_args+=(--force) ;;
    --skip-images) skip_images=1 ;;
    -v | --verbose) verbose=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done

exec 9>/var/lock/gateway-setup-offline.lock
flock -n 9 || die "another setup-offline.sh is running (lock /var/lock/gateway-setup-offline.lock)"

GW_SUMMARY_FILE="$(mktemp)"
export GW_SUMMARY_FILE
trap 'rm -f "$GW_SUMMARY_FILE"' EXIT

total_start=$SECONDS
step_no=0
step_total=8
timings=()

# run_step NAME SCRIPT [ARGS...]
run_step() {
  local name="$1" script="$2"
  shift 2
  step_no=$((step_no + 1))
  local logf="${GW_LOG_DIR}/setup-${script%.sh}.log" start=$SECONDS rc=0
  printf '==> [%d/%d] %s\n' "$step_no" "$step_total" "$name" >&2
  {
    printf '===== %s: %s %s\n' "$(date -Is)" "$script" "$*"
  } >"$logf"
  # 9>&-: the lock's descriptor must not be inherited by the daemons the steps start
  if ((verbose)); then
    "${GW_CI_DIR}/${script}" "$@" 9>&- 2>&1 | tee -a "$logf" >&2 || rc=$?
  else
    "${GW_CI_DIR}/${script}" "$@" 9>&- >>"$logf" 2>&1 || rc=$?
  fi
  local took=$((SECONDS - start))
  if ((rc != 0)); then
    {
      printf '\n!!! step %d/%d "%s" FAILED (exit %d after %ds)\n' "$step_no" "$step_total" "$name" "$rc" "$took"
      printf '!!! log: %s\n' "$logf"
      printf '!!! last lines:\n'
      tail -n 25 "$logf" | sed 's/^/    /'
    } >&2
    exit 1
  fi
  timings+=("$(printf '%-14s %4ds' "$name" "$took")")
  printf '    done in %ds\n' "$took" >&2
}

run_step "apt packages" install-apt-packages.sh
run_step "trixie tools" install-trixie-tools.sh
run_step "docker engine" install-docker-engine.sh
run_step "dockerd" start-dockerd.sh
run_step "registry" start-registry.sh
run_step "qemu" enable-qemu.sh
if ((skip_images)); then
  printf -- '==> [7/8] base images: skipped (--skip-images)\n' >&2
  printf -- '==> [8/8] runner image: skipped (--skip-images)\n' >&2
  summary "images: skipped (--skip-images)"
else
  run_step "base images" build-base-images.sh "${image_args[@]}"
  run_step "runner image" build-runner-image.sh "${runner_args[@]}"
fi

{
  printf '\n===== setup-offline summary (%ds total) =====\n' "$((SECONDS - total_start))"
  sed 's/^/  /' "$GW_SUMMARY_FILE"
  printf '  step timings:\n'
  printf '    %s\n' "${timings[@]}"
  printf '  logs: %s   stop: %s/stop-offline.sh\n' "$GW_LOG_DIR" "$GW_CI_DIR"
} >&2
