#!/usr/bin/env bash
# Verify the stand-in base images end to end (called by build-base-images.sh after a build):
#   - the image contract: user app 1654, APP_UID, ASPNETCORE_HTTP_PORTS, DOTNET_RUNNING_IN_CONTAINER;
#   - the SDK stand-in restores a package from NuGet inside `docker build --network host`
#     (extra CA certificates + NUGET_CERT_REVOCATION_MODE=offline baked in) and publishes;
#   - the runtime stand-in runs `dotnet --info` and that app (as uid 1654, HTTP on a port),
#     and has no shell.
#   - with --arm64 (build-base-images.sh --arm64): the same app, published with
#     `dotnet publish -r linux-arm64` (framework-dependent, apphost) in the SDK stand-in, on the
#     linux/arm64 entry of the registry's multi-arch RUNTIME_IMAGE, which BuildKit resolves from
#     the registry; it runs under qemu (slow), answers HTTP as uid 1654 and has no shell.
# A passed verification is remembered per pair of image ids (--force re-runs it).
# Usage: verify-base-images.sh [--force] [--arm64]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SDK_IMAGE="${GW_SDK_IMAGE:-${GW_REGISTRY_ADDR}/dotnet/sdk:10.0}"
RUNTIME_IMAGE="${GW_RUNTIME_IMAGE:-${GW_REGISTRY_ADDR}/dotnet/aspnet:10.0-noble-chiseled}"
PROBE_IMAGE=gateway-ci/base-image-probe:latest
PROBE_PORT="${GW_PROBE_PORT:-18080}"
force=0 arm64=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --arm64) arm64=1 ;;
    *) die "unknown option: ${arg}" ;;
  esac
done

docker_ping || die "docker does not answer"
sdk_id="$(docker image inspect -f '{{.Id}}' "$SDK_IMAGE")" || die "no image ${SDK_IMAGE}"
rt_id="$(docker image inspect -f '{{.Id}}' "$RUNTIME_IMAGE")" || die "no image ${RUNTIME_IMAGE}"
stamp="${GW_CACHE_DIR}/verified-${sdk_id#sha256:}-${rt_id#sha256:}"
verify_amd64=1
if ((!force)) && [[ -e "$stamp" ]]; then
  log "already verified (${stamp})"
  verify_amd64=0
fi

fail() { die "verification failed: $*"; }

verify_contract() {
  # 1. contract in the image config
  for image in "$SDK_IMAGE" "$RUNTIME_IMAGE"; do
    envs="$(docker image inspect -f '{{ join .Config.Env "\n" }}' "$image")"
    for kv in APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true; do
      grep -qx "$kv" <<<"$envs" || fail "${image}: ENV ${kv} missing"
    done
  done
  grep -qx NUGET_CERT_REVOCATION_MODE=offline < <(docker image inspect -f '{{ join .Config.Env "\n" }}' "$SDK_IMAGE") \
    || fail "${SDK_IMAGE}: NUGET_CERT_REVOCATION_MODE=offline missing"
  [[ "$(docker image inspect -f '{{.Config.User}}' "$RUNTIME_IMAGE")" == 1654 ]] || fail "${RUNTIME_IMAGE} does not run as 1654"
  [[ "$(docker run --rm --network host --entrypoint id "$SDK_IMAGE" app)" == "uid=1654(app) gid=1654(app) groups=1654(app)" ]] \
    || fail "${SDK_IMAGE}: user app is not 1654:1654"
  docker run --rm --network host "$SDK_IMAGE" dotnet --version >/dev/null || fail "${SDK_IMAGE}: dotnet --version"
  log "contract: ok"

  # 2. runtime: dotnet --info (explicit and as the default command), and no shell
  docker run --rm --network host --entrypoint dotnet "$RUNTIME_IMAGE" --info >/dev/null || fail "${RUNTIME_IMAGE}: dotnet --info"
  docker run --rm --network host "$RUNTIME_IMAGE" | grep -q 'Microsoft.AspNetCore.App' \
    || fail "${RUNTIME_IMAGE}: default command does not list Microsoft.AspNetCore.App"
  for sh in sh /bin/sh bash /bin/bash; do
    if docker run --rm --network host --entrypoint "$sh" "$RUNTIME_IMAGE" -c true >/dev/null 2>&1; then
      fail "${RUNTIME_IMAGE}: '${sh}' runs: the image must have no shell"
    fi
  done
  log "runtime: dotnet --info ok, no shell"
}

# 3. a throw-away ASP.NET Core app: restore from NuGet in the SDK stand-in, run on the runtime one
work="$(mktemp -d)"
cleanup() {
  docker rm -f gateway-ci-probe >/dev/null 2>&1 || true
  docker image rm -f "$PROBE_IMAGE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
cat >"$work/probe.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Serilog" Version="4.4.0" />
    <PackageReference Include="Serilog.Sinks.Console" Version="6.1.1" />
  </ItemGroup>
</Project>
XML
cat >"$work/Program.cs" <<'CS'
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();
if (args.Length > 0 && args[0] == "--selftest")
{
    using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
    store.Open(OpenFlags.ReadOnly);
    Log.Information("user={User} roots={Roots} culture-invariant={Inv} tz={Tz} runtime={Rt}",
        Environment.UserName, store.Certificates.Count,
        CultureInfo.CurrentCulture.Name == "", TimeZoneInfo.Local.Id,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
    return Environment.UserName == "app" && store.Certificates.Count > 0 ? 0 : 1;
}
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "probe ok");
app.Run();
return 0;
CS
cat >"$work/Dockerfile" <<'DOCKERFILE'
ARG SDK_IMAGE
ARG RUNTIME_IMAGE
FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY probe.csproj .
RUN dotnet restore
COPY Program.cs .
RUN dotnet publish --no-restore -c Release -o /out
FROM ${RUNTIME_IMAGE}
COPY --from=build /out /app
ENTRYPOINT ["dotnet", "/app/probe.dll"]
DOCKERFILE
# run_probe "DOCKER_RUN_OPTS" TIMEOUT: --selftest, then HTTP on PROBE_PORT as uid 1654, no shell
run_probe() {
  local opts="$1" timeout="$2" sh
  # shellcheck disable=SC2086 # opts is a word list
  docker run --rm --network host $opts "$PROBE_IMAGE" --selftest >&2 || fail "probe --selftest on ${RUNTIME_IMAGE} ${opts}"
  # shellcheck disable=SC2086
  docker run -d --name gateway-ci-probe --network host $opts -e "ASPNETCORE_HTTP_PORTS=${PROBE_PORT}" "$PROBE_IMAGE" >/dev/null
  if ! wait_until "$timeout" "the probe app on port ${PROBE_PORT}" curl -fs "http://127.0.0.1:${PROBE_PORT}/"; then
    docker logs gateway-ci-probe >&2 || true
    fail "probe app did not answer on http://127.0.0.1:${PROBE_PORT}/ ${opts}"
  fi
  [[ "$(curl -fs "http://127.0.0.1:${PROBE_PORT}/")" == "probe ok" ]] || fail "probe app answered wrongly"
  local probe_pid probe_uid
  probe_pid="$(docker inspect -f '{{.State.Pid}}' gateway-ci-probe)"
  probe_uid="$(awk '/^Uid:/ { print $2 }' "/proc/${probe_pid}/status")"
  [[ "$probe_uid" == 1654 ]] || fail "probe app runs as uid ${probe_uid}, not 1654 ${opts}"
  docker rm -f gateway-ci-probe >/dev/null
  for sh in sh /bin/sh bash /bin/bash; do
    # shellcheck disable=SC2086
    if docker run --rm --network host $opts --entrypoint "$sh" "$PROBE_IMAGE" -c true >/dev/null 2>&1; then
      fail "'${sh}' runs on ${RUNTIME_IMAGE} ${opts}: the image must have no shell"
    fi
  done
  log "probe app ${opts:-(native)}: published, served HTTP as uid 1654, no shell"
}

if ((verify_amd64)); then
  verify_contract
  log "building a probe app: dotnet restore from NuGet inside docker build --network host"
  docker build --network host --progress=plain --no-cache \
    --build-arg "SDK_IMAGE=${SDK_IMAGE}" --build-arg "RUNTIME_IMAGE=${RUNTIME_IMAGE}" \
    -t "$PROBE_IMAGE" "$work" >&2 || fail "probe build (restore/publish in ${SDK_IMAGE})"
  run_probe "" 30
  touch "$stamp"
  summary "verify: contract, NuGet restore in docker build, runtime app, no shell: all ok"
fi

# 4. arm64: the apphost of a linux-arm64 publish on the arm64 entry of the registry's index
if ((arm64)); then
  index_digest="$(docker buildx imagetools inspect --format '{{json .Manifest}}' "$RUNTIME_IMAGE" | jq -r .digest)"
  arm_stamp="${GW_CACHE_DIR}/verified-arm64-${sdk_id#sha256:}-${index_digest#sha256:}"
  if ((!force)) && [[ -e "$arm_stamp" ]]; then
    log "arm64 already verified (${arm_stamp})"
  else
    docker buildx imagetools inspect "$RUNTIME_IMAGE" | grep -q 'Platform: *linux/arm64' \
      || fail "${RUNTIME_IMAGE} in the registry has no linux/arm64 entry"
    cat >"$work/Dockerfile.arm64" <<'DOCKERFILE'
ARG SDK_IMAGE
ARG RUNTIME_IMAGE
FROM --platform=linux/amd64 ${SDK_IMAGE} AS build
WORKDIR /src
COPY probe.csproj .
RUN dotnet restore -r linux-arm64
COPY Program.cs .
RUN dotnet publish --no-restore -c Release -r linux-arm64 --self-contained false -o /out
FROM --platform=linux/arm64 ${RUNTIME_IMAGE}
COPY --from=build /out /app
ENTRYPOINT ["/app/probe"]
DOCKERFILE
    log "building an arm64 probe app (apphost; runtime image resolved from the registry's index)"
    docker buildx build --platform linux/arm64 --load --network host --progress=plain \
      --build-arg "SDK_IMAGE=${SDK_IMAGE}" --build-arg "RUNTIME_IMAGE=${RUNTIME_IMAGE}" \
      -f "$work/Dockerfile.arm64" -t "$PROBE_IMAGE" "$work" >&2 || fail "arm64 probe build"
    [[ "$(docker image inspect -f '{{.Architecture}}' "$PROBE_IMAGE")" == arm64 ]] || fail "arm64 probe image is not arm64"
    envs="$(docker image inspect -f '{{ join .Config.Env "\n" }}' "$PROBE_IMAGE")"
    for kv in APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true DOTNET_ROOT=/usr/share/dotnet; do
      grep -qx "$kv" <<<"$envs" || fail "arm64 ${RUNTIME_IMAGE}: ENV ${kv} missing"
    done
    [[ "$(docker image inspect -f '{{.Config.User}}' "$PROBE_IMAGE")" == 1654 ]] || fail "arm64 ${RUNTIME_IMAGE} does not run as 1654"
    run_probe "--platform linux/arm64" 180
    touch "$arm_stamp"
    summary "verify arm64: linux-arm64 apphost on the registry's arm64 runtime entry (qemu): HTTP, uid 1654, no shell: ok"
  fi
fi
