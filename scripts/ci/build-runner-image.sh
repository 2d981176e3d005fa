#!/usr/bin/env bash
# Step: build the runner stand-in image for the workflow rehearsal (nothing can be pulled here):
#   gateway-rehearsal/runner:ubuntu-24.04   plays GitHub's ubuntu-24.04 runner for this project's jobs
# mmdebstrap --variant=minbase trixie (from the Debian mirror this machine's apt uses, read at run
# time) + the tools the workflows' steps expect (git, curl, node/npm, python3, jq, docker CLI +
# buildx, sudo, archivers) + what the .NET SDK needs at run time (the SDK itself is mounted read-only
# by the rehearsal when a setup-dotnet step runs). User runner 1001:1001 with passwordless sudo, as
# on GitHub. None of the offline lab's tools (registry, cosign, gitleaks, ...): a job must install
# what it uses, as it would on GitHub; apt works inside the image (trixie sources from the mirror).
# The image carries the hash of its inputs in the label dev.gateway.base.input-hash and is rebuilt
# only when that changes; the mmdebstrap root filesystem is cached in /var/cache/gateway-base/.
#
# Options:
#   --extra-ca PATH   extra CA certificate(s) to trust, besides /usr/local/share/ca-certificates:
#                     a PEM file (may hold several certificates) or a directory of *.crt/*.pem;
#                     repeatable. Also GW_EXTRA_CA (colon-separated).
#   --force           rebuild the root filesystem and the image even when the input hash matches
#   --no-verify       skip the checks of the image after a build
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

IMAGE="${GW_RUNNER_IMAGE:-gateway-rehearsal/runner:ubuntu-24.04}"
SOURCES="${GW_APT_SOURCES:-/etc/apt/sources.list.d/debian.sources}"
SUITE=trixie
LABEL=dev.gateway.base.input-hash
SELF="${BASH_SOURCE[0]}"
# GitHub's runner account on its hosted images.
RUNNER_UID=1001
RUNNER_GID=1001

# Packages on top of minbase. What GitHub's image has and this project's jobs use (docker compose v2 for the
# image tests' compose file, as on GitHub's runners), plus the .NET
# SDK's run-time dependencies (trixie names: libicu76, libssl3t64).
RUNNER_PACKAGES=(
  bash ca-certificates curl git gnupg jq openssh-client procps sudo
  tar gzip zstd unzip xz-utils
  nodejs npm python3
  docker-cli docker-buildx docker-compose
  libc6 libgcc-s1 libstdc++6 libgssapi-krb5-2 libicu76 libssl3t64 tzdata zlib1g
)
# Must NOT be in the image: the offline lab's extras. A job that needs one installs it itself.
ABSENT_TOOLS=(docker-registry cosign htpasswd skopeo gitleaks trivy syft wrk nginx hyperfine dotnet)
# Keep the root filesystem small, as Debian's own container images do.
DPKG_OPTS=(
  'path-exclude=/usr/share/man/*' 'path-exclude=/usr/share/info/*'
  'path-exclude=/usr/share/doc/*' 'path-include=/usr/share/doc/*/copyright'
  'path-exclude=/usr/share/locale/*' 'path-include=/usr/share/locale/locale.alias'
)

force=0 verify=1
extra_ca=()
if [[ -n "${GW_EXTRA_CA:-}" ]]; then IFS=':' read -r -a extra_ca <<<"${GW_EXTRA_CA}"; fi
while (($#)); do
  case "$1" in
    --force) force=1 ;;
    --no-verify) verify=0 ;;
    --extra-ca) extra_ca+=("${2:?--extra-ca needs a path}"); shift ;;
    -h | --help) sed -n '2,19p' "$SELF" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $1" ;;
  esac
  shift
done

docker_ping || die "docker does not answer (run start-dockerd.sh)"
have_cmd mmdebstrap || die "mmdebstrap missing (run install-apt-packages.sh)"
mkdir -p "$GW_CACHE_DIR"
started=$SECONDS

# --- the trixie sources, from this machine's bookworm sources (never written into the repository) --
# uri_for SUITE -> the URIs: of the deb822 stanza that lists SUITE
uri_for() {
  awk -v want="$1" '
    function flush() { if (has && uri != "") { print uri; found = 1; exit } has = 0; uri = "" }
    /^[[:space:]]*$/ { flush(); next }
    /^URIs:/ { uri = $2 }
    /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == want) has = 1 }
    END { if (!found) flush() }
  ' "$SOURCES"
}
mirror="$(uri_for bookworm)"
[[ -n "$mirror" ]] || die "no URIs: line for suite bookworm in ${SOURCES}"
security="$(uri_for bookworm-security)"
keyring="$(awk '/^Signed-By:/ { print $2; exit }' "$SOURCES")"
keyring="${keyring:-/usr/share/keyrings/debian-archive-keyring.gpg}"
# The image's own /etc/apt/sources.list.d/debian.sources (deb822, as in Debian's images).
image_sources() {
  printf 'Types: deb\nURIs: %s\nSuites: %s %s-updates\nComponents: main\nSigned-By: %s\n' \
    "$mirror" "$SUITE" "$SUITE" /usr/share/keyrings/debian-archive-keyring.gpg
  if [[ -n "$security" ]]; then
    printf '\nTypes: deb\nURIs: %s\nSuites: %s-security\nComponents: main\nSigned-By: %s\n' \
      "$security" "$SUITE" /usr/share/keyrings/debian-archive-keyring.gpg
  fi
}
# The same for mmdebstrap, one-line form, verified with this machine's keyring.
mmdebstrap_sources=(
  "deb [signed-by=${keyring}] ${mirror} ${SUITE} main"
  "deb [signed-by=${keyring}] ${mirror} ${SUITE}-updates main"
)
if [[ -n "$security" ]]; then
  mmdebstrap_sources+=("deb [signed-by=${keyring}] ${security} ${SUITE}-security main")
fi

# --- root filesystem tarball (cached) ------------------------------------------------------------
include="$(IFS=,; printf '%s' "${RUNNER_PACKAGES[*]}")"
rootfs_key="$(
  {
    printf '%s\n' "suite=${SUITE}" "arch=amd64" "variant=minbase" "include=${include}" "${DPKG_OPTS[@]}"
    printf '%s\n' "${mmdebstrap_sources[@]}"
  } | short_hash
)"
ROOTFS="${GW_CACHE_DIR}/rootfs-runner-${SUITE}-amd64-${rootfs_key}.tar"

build_rootfs() {
  local dpkgopt=() o
  for o in "${DPKG_OPTS[@]}"; do dpkgopt+=("--dpkgopt=${o}"); done
  log "rootfs: mmdebstrap --variant=minbase ${SUITE} (+${include})"
  rm -f "${ROOTFS}.partial"
  # The sources list mmdebstrap leaves in the tree is replaced in the image (deb822, with updates
  # and security); no apt lists are kept (the job's `apt-get update` fetches them).
  mmdebstrap --quiet --format=tar --variant=minbase --arch=amd64 --include="$include" \
    --skip=output/dev "${dpkgopt[@]}" \
    "$SUITE" "${ROOTFS}.partial" "${mmdebstrap_sources[@]}" >&2
  [[ -s "${ROOTFS}.partial" ]] || die "mmdebstrap did not produce ${ROOTFS}.partial"
  mv "${ROOTFS}.partial" "$ROOTFS"
  # keep only the newest runner tarball
  find "$GW_CACHE_DIR" -maxdepth 1 -name "rootfs-runner-${SUITE}-amd64-*.tar" ! -name "$(basename "$ROOTFS")" -delete
  log "rootfs: $(du -m "$ROOTFS" | cut -f1) MB in ${ROOTFS}"
}

# --- the image ---------------------------------------------------------------------------------
# The Dockerfile is part of this script (and so of the input hash). No `# syntax=` line: that would
# pull a frontend image.
dockerfile() {
  cat <<'EOF'
FROM scratch
ADD rootfs.tar /
COPY extra-ca/ /usr/local/share/ca-certificates/extra/
COPY debian.sources /etc/apt/sources.list.d/debian.sources

ARG INPUT_HASH
ARG RUNNER_UID
ARG RUNNER_GID

# GitHub's account: runner 1001:1001, groups adm, users, docker; bash; passwordless sudo.
# The docker group's id cannot match every engine's socket: run with --group-add <socket gid>.
RUN set -eux \
    && rm -f /etc/apt/sources.list \
    && update-ca-certificates \
    && groupadd --gid "${RUNNER_GID}" runner \
    && groupadd --system docker \
    && useradd --uid "${RUNNER_UID}" --gid "${RUNNER_GID}" --groups adm,users,docker \
         --create-home --home-dir /home/runner --shell /bin/bash runner \
    && printf '%s\n' 'Defaults env_keep += "DEBIAN_FRONTEND"' 'runner ALL=(ALL) NOPASSWD:ALL' \
         >/etc/sudoers.d/runner \
    && chmod 0440 /etc/sudoers.d/runner \
    && visudo -c \
    && install -d -o runner -g runner /opt/hostedtoolcache /home/runner/work /home/runner/.config \
         /home/runner/.local /home/runner/.local/bin /home/runner/.dotnet /home/runner/.dotnet/tools \
    && test -x /usr/libexec/docker/cli-plugins/docker-buildx \
    && test -x /usr/libexec/docker/cli-plugins/docker-compose \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/*.log

ENV ImageOS=ubuntu24 \
    ImageVersion=rehearsal-${INPUT_HASH} \
    AGENT_TOOLSDIRECTORY=/opt/hostedtoolcache \
    RUNNER_TOOL_CACHE=/opt/hostedtoolcache \
    DEBIAN_FRONTEND=noninteractive \
    ACCEPT_EULA=Y \
    LANG=C.UTF-8 \
    XDG_CONFIG_HOME=/home/runner/.config \
    DOTNET_MULTILEVEL_LOOKUP=0 \
    DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
    NUGET_CERT_REVOCATION_MODE=offline \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    PATH=/home/runner/.local/bin:/home/runner/.dotnet/tools:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

USER runner
WORKDIR /home/runner

LABEL org.opencontainers.image.title="GitHub ubuntu-24.04 runner stand-in" \
      org.opencontainers.image.description="Offline stand-in for GitHub's ubuntu-24.04 hosted runner (Debian trixie minbase), for the workflow rehearsal" \
      org.opencontainers.image.base.name="scratch" \
      dev.gateway.base.input-hash="${INPUT_HASH}"
EOF
}

image_hash() { docker image inspect -f "{{ index .Config.Labels \"${LABEL}\" }}" "$1" 2>/dev/null || true; }

ctx="${GW_CACHE_DIR}/context-runner-amd64"
rm -rf "$ctx"
mkdir -p "$ctx"
trap 'rm -rf "$ctx"' EXIT
ncerts="$(stage_extra_ca "${ctx}/extra-ca" "${extra_ca[@]}")"
hash="$(
  {
    cat "$SELF"
    printf 'rootfs=%s\n' "$(basename "$ROOTFS")"
    (cd "${ctx}/extra-ca" && find . -name '*.crt' -print0 | sort -z | xargs -0 -r sha256sum)
  } | short_hash
)"

if ((!force)) && [[ "$(image_hash "$IMAGE")" == "$hash" ]]; then
  log "${IMAGE} is up to date (inputs ${hash})"
  size_mb="$(docker image inspect -f '{{ .Size }}' "$IMAGE" | awk '{ printf "%.0f", $1 / 1000000 }')"
  summary "runner image: up to date (${IMAGE}, inputs ${hash}, ${size_mb} MB)"
  exit 0
fi

rootfs_took=0
if ((force)) || [[ ! -s "$ROOTFS" ]]; then
  t=$SECONDS
  build_rootfs
  rootfs_took=$((SECONDS - t))
else
  log "rootfs: cached ${ROOTFS}"
fi

log "staging build context (${ncerts} extra CA certificates)"
ln "$ROOTFS" "${ctx}/rootfs.tar" 2>/dev/null || cp "$ROOTFS" "${ctx}/rootfs.tar"
image_sources >"${ctx}/debian.sources"
dockerfile >"${ctx}/Dockerfile"

old="$(docker image inspect -f '{{.Id}}' "$IMAGE" 2>/dev/null || true)"
log "building ${IMAGE} (inputs ${hash})"
t=$SECONDS
docker build --network host --progress=plain \
  --build-arg "INPUT_HASH=${hash}" \
  --build-arg "RUNNER_UID=${RUNNER_UID}" --build-arg "RUNNER_GID=${RUNNER_GID}" \
  -t "$IMAGE" "$ctx" >&2
image_took=$((SECONDS - t))
if [[ -n "$old" && "$old" != "$(docker image inspect -f '{{.Id}}' "$IMAGE")" ]]; then
  docker image rm "$old" >/dev/null 2>&1 || true
fi
rm -rf "$ctx"

# --- verify ------------------------------------------------------------------------------------
# in_image [DOCKER RUN ARGS...] -- SCRIPT: run SCRIPT with bash in the image as runner, host network,
# the engine's socket mounted (its group added, as the rehearsal does).
in_image() {
  local args=()
  while [[ "$1" != -- ]]; do args+=("$1"); shift; done
  shift
  docker run --rm --network host \
    -v /var/run/docker.sock:/var/run/docker.sock --group-add "$(stat -c %g /var/run/docker.sock)" \
    "${args[@]}" "$IMAGE" bash -euo pipefail -c "$1"
}

verify_image() {
  log "verify: tools answer, lab extras absent, account and sudo as on GitHub"
  local absent
  absent="${ABSENT_TOOLS[*]}"
  in_image -- "
    id
    [[ \"\$(id -u):\$(id -g)\" == '${RUNNER_UID}:${RUNNER_GID}' ]] || { echo 'runner is not ${RUNNER_UID}:${RUNNER_GID}'; exit 1; }
    [[ \"\$(getent passwd runner | cut -d: -f6,7)\" == /home/runner:/bin/bash ]] || { echo 'runner home/shell'; exit 1; }
    sudo -n true
    [[ -d /opt/hostedtoolcache && -O /opt/hostedtoolcache ]] || { echo '/opt/hostedtoolcache not owned by runner'; exit 1; }
    [[ -z \"\$(find /home/runner ! -user runner)\" ]] || { echo 'not owned by runner:'; find /home/runner ! -user runner; exit 1; }
    git --version
    echo \"node \$(node --version), npm \$(npm --version)\"
    python3 --version
    jq --version
    docker --version
    docker buildx version
    docker compose version
    docker version --format 'engine {{.Server.Version}} (API {{.Server.APIVersion}})'
    for t in tar gzip zstd unzip xz curl sudo; do command -v \"\$t\" >/dev/null || { echo \"missing: \$t\"; exit 1; }; done
    bad=0
    for t in ${absent}; do
      if command -v \"\$t\" >/dev/null 2>&1; then echo \"present but must not be: \$t (\$(command -v \"\$t\"))\"; bad=1; fi
    done
    [[ ! -e /usr/share/dotnet ]] || { echo 'present but must not be: /usr/share/dotnet'; bad=1; }
    exit \$bad
  " >&2 || die "verify: ${IMAGE} does not have the expected tools"
  # TLS through this machine's network (extra CA certificates): curl, node.
  in_image -- '
    curl -fsS -o /dev/null https://api.nuget.org/v3/index.json
    node -e "fetch(\"https://registry.npmjs.org/\").then(r => { if (!r.ok) process.exit(1) }, e => { console.error(e); process.exit(1) })"
  ' >&2 || die "verify: TLS to NuGet/npm fails in ${IMAGE} (CA certificates?)"
  log "verify: ok"
}

if ((verify)); then verify_image; fi

size_mb="$(docker image inspect -f '{{ .Size }}' "$IMAGE" | awk '{ printf "%.0f", $1 / 1000000 }')"
summary "runner image: built ${IMAGE} (inputs ${hash}, ${size_mb} MB) in $((SECONDS - started))s: rootfs ${rootfs_took}s, image ${image_took}s"
