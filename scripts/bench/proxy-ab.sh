#!/usr/bin/env bash
# Same-session A/B of reverse proxies in front of one static nginx upstream (`return 200`), for issue 18.
#
#   scripts/bench/proxy-ab.sh [--rounds N] [--duration 8s] [--warmup 10s] [--connections 32] VARIANT...
#
# VARIANT is one quoted word list: "NAME KIND [KEY=VALUE ...]".
#   KIND    nginx | bare | gateway | gateway@/path/Gateway.dll | bare@/path/BareYarp.dll
#   KEY=VALUE pairs are environment variables for that proxy (e.g. DOTNET_gcServer=1), except
#   STDOUT=null|file|pipe: where the proxy's stdout goes (default null = /dev/null; pipe = through `cat` on CPU 1,
#   like a container's log driver reading a pipe; file = $OUT/NAME.rROUND.log).
#
# Method: the proxy under test is pinned to CPU 0; wrk (-t1) and the upstream nginx share CPU 1. Each measurement
# starts the proxy fresh, warms it up under load, then measures with `wrk --latency`. Variants alternate within a
# round. Prints one line per measurement and a median summary with ratios to the first nginx and bare variants.
# cpu_us is the proxy's CPU time per request over the measured window (user + system, from /proc/PID/stat, every
# thread and, for nginx, every worker), user_us and kernel_us its two parts. cpu_us times requests/s is how busy the
# proxy's CPU was: near 1, the proxy set the figure; well below, the load side did.
# Gateways run in Production with Gateway__ShutdownDelay=00:00:00 and their route in environment variables.
#
# Build first (outside this script): dotnet publish -c Release apps/backend -o /tmp/perf/gateway, and the same for
# benchmarks/BareYarp into /tmp/perf/bare (GATEWAY_DLL and BARE_DLL override the paths).
# CPU-heavy: on the shared lab machine run it under `flock /tmp/gateway-cpu.lock`.
set -euo pipefail

rounds=2
duration=8s
warmup=10s
connections=32
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
if [[ $# -eq 0 ]]; then
  echo "usage: $0 [--rounds N] [--duration 8s] [--warmup 10s] \"NAME KIND [KEY=VALUE ...]\"..." >&2
  exit 2
fi

gateway_dll=${GATEWAY_DLL:-/tmp/perf/gateway/Gateway.dll}
bare_dll=${BARE_DLL:-/tmp/perf/bare/BareYarp.dll}
port=${PROXY_PORT:-18080}
management_port=$((port + 1))
upstream_port=$((port + 10))
out=${OUT:-$(mktemp -d /tmp/proxy-ab.XXXXXX)}
mkdir -p "$out"
results=$out/results.tsv
: >"$results"

nginx_conf() { # prefix listen body
  cat <<EOF
worker_processes 1;
pid $1/nginx.pid;
error_log $1/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $1/client_body;
    proxy_temp_path $1/proxy;
    fastcgi_temp_path $1/fastcgi;
    uwsgi_temp_path $1/uwsgi;
    scgi_temp_path $1/scgi;
    upstream static { server 127.0.0.1:$upstream_port; keepalive 32; }
    server {
        listen 127.0.0.1:$2;
        location / { $3 }
    }
}
EOF
}

start_nginx() { # name cpu listen body
  local prefix=$out/$1
  mkdir -p "$prefix"
  nginx_conf "$prefix" "$3" "$4" >"$prefix/nginx.conf"
  taskset -c "$2" nginx -p "$prefix" -c "$prefix/nginx.conf"
}

stop_nginx() { # name
  local prefix=$out/$1
  nginx -p "$prefix" -c "$prefix/nginx.conf" -s quit || true
  while [[ -e $prefix/nginx.pid ]]; do sleep 0.1; done
}

wait_ok() { # url
  local attempt
  for attempt in $(seq 1 300); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "$1" || true) == 200 ]]; then
      return 0
    fi
    sleep 0.1
  done
  echo "no 200 from $1 after 30 s (attempt $attempt); see $out for the proxy's output" >&2
  return 1
}

to_ms() { # 3.12ms | 850.00us | 1.20s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
    else { print "NaN" } }'
}

# The processes whose CPU time counts for the proxy under test: the .NET process, or nginx's workers.
proxy_pids() {
  if [[ -n $proxy_pid ]]; then echo "$proxy_pid"; else pgrep -P "$(cat "$out/proxy-nginx/nginx.pid")"; fi
}

cpu_ticks() { # pid... : "user system" clock ticks, each summed over the processes
  local pid user=0 system=0 fields
  for pid in "$@"; do
    # Fields after the command's closing parenthesis: utime and stime are the 12th and 13th of them.
    fields=$(sed 's/.*) //' "/proc/$pid/stat")
    user=$((user + $(awk '{ print $12 }' <<<"$fields")))
    system=$((system + $(awk '{ print $13 }' <<<"$fields")))
  done
  echo "$user $system"
}

ticks_per_second=$(getconf CLK_TCK)
per_request() { # ticks requests : microseconds of CPU per request
  awk -v t="$1" -v hz="$ticks_per_second" -v n="$2" 'BEGIN { printf "%.2f", t / hz * 1e6 / n }'
}

proxy_pid=
cleanup() {
  if [[ -n $proxy_pid ]]; then kill "$proxy_pid" 2>/dev/null || true; fi
  stop_nginx proxy-nginx 2>/dev/null || true
  stop_nginx upstream 2>/dev/null || true
}
trap cleanup EXIT

# Starts variant $1 (a word list) on CPU 0; sets proxy_pid (empty for nginx, stopped through its pid file).
start_proxy() {
  local -a words env_vars=()
  read -r -a words <<<"$1"
  local name=${words[0]} kind=${words[1]} round=$2 stdout=null pair dll
  for pair in "${words[@]:2}"; do
    if [[ $pair == STDOUT=* ]]; then stdout=${pair#STDOUT=}; else env_vars+=("$pair"); fi
  done
  proxy_pid=
  if [[ $kind == nginx ]]; then
    start_nginx proxy-nginx 0 "$port" 'proxy_pass http://static; proxy_http_version 1.1; proxy_set_header Connection "";'
    return
  fi
  case $kind in
    gateway) dll=$gateway_dll ;;
    bare) dll=$bare_dll ;;
    gateway@* | bare@*) dll=${kind#*@} ;;
    *) echo "unknown proxy kind '$kind' in variant '$1'" >&2; exit 2 ;;
  esac
  local -a common=(
    ASPNETCORE_ENVIRONMENT=Production
    ASPNETCORE_URLS="http://127.0.0.1:$port"
    Gateway__ShutdownDelay=00:00:00
    Gateway__ManagementPort="$management_port"
    ReverseProxy__Routes__r__ClusterId=c
    "ReverseProxy__Routes__r__Match__Path=/{**rest}"
    ReverseProxy__Clusters__c__Destinations__d__Address="http://127.0.0.1:$upstream_port/"
  )
  local target=/dev/null
  case $stdout in
    null) ;;
    file) target=$out/$name.r$round.log ;;
    pipe)
      target=$out/$name.fifo
      rm -f "$target"
      mkfifo "$target"
      taskset -c 1 cat "$target" >/dev/null &
      ;;
    *) echo "STDOUT must be null, file or pipe (variant '$1')" >&2; exit 2 ;;
  esac
  taskset -c 0 env "${common[@]}" "${env_vars[@]}" dotnet "$dll" >"$target" 2>"$out/$name.r$round.err" &
  proxy_pid=$!
}

stop_proxy() { # variant
  local -a words
  read -r -a words <<<"$1"
  if [[ ${words[1]} == nginx ]]; then
    stop_nginx proxy-nginx
  else
    kill "$proxy_pid"
    wait "$proxy_pid" || true
    proxy_pid=
  fi
}

start_nginx upstream 1 "$upstream_port" 'return 200;'
wait_ok "http://127.0.0.1:$upstream_port/"

echo "method: proxy on CPU 0; wrk -t1 -c$connections and the upstream nginx (return 200) on CPU 1; warm-up $warmup, measure $duration; $rounds round(s); results in $out"
printf 'round\tvariant\trequests_per_s\tp50_ms\tp99_ms\terrors\tcpu_us\tuser_us\tkernel_us\n' | tee -a "$results"
for round in $(seq 1 "$rounds"); do
  for variant in "$@"; do
    name=${variant%% *}
    start_proxy "$variant" "$round"
    wait_ok "http://127.0.0.1:$port/"
    taskset -c 1 wrk -t1 -c"$connections" -d"$warmup" "http://127.0.0.1:$port/" >/dev/null
    mapfile -t pids < <(proxy_pids)
    read -r user_before system_before < <(cpu_ticks "${pids[@]}")
    report=$(taskset -c 1 wrk -t1 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port/")
    read -r user_after system_after < <(cpu_ticks "${pids[@]}")
    stop_proxy "$variant"
    echo "$report" >"$out/$name.r$round.wrk"
    rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$report")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$report")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$report")")
    errors=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$report")
    requests=$(awk '/requests in/ { print $1 }' <<<"$report")
    user_us=$(per_request $((user_after - user_before)) "$requests")
    kernel_us=$(per_request $((system_after - system_before)) "$requests")
    cpu_us=$(per_request $((user_after - user_before + system_after - system_before)) "$requests")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$rps" "$p50" "$p99" "$errors" "$cpu_us" "$user_us" "$kernel_us" | tee -a "$results"
  done
done

echo
echo "medians over $rounds round(s):"
python3 - "$results" "$@" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
variants = [(v.split()[0], v.split()[1]) for v in sys.argv[2:]]
med = {}
for name, _ in variants:
    mine = [r for r in rows if r["variant"] == name]
    med[name] = (statistics.median(float(r["requests_per_s"]) for r in mine),
                 statistics.median(float(r["p99_ms"]) for r in mine),
                 sum(int(r["errors"]) for r in mine),
                 statistics.median(float(r["cpu_us"]) for r in mine),
                 statistics.median(float(r["user_us"]) for r in mine),
                 statistics.median(float(r["kernel_us"]) for r in mine))
nginx = next((n for n, k in variants if k == "nginx"), None)
bare = next((n for n, k in variants if k.startswith("bare")), None)
print(f"{'variant':<28}{'req/s':>10}{'p99 ms':>9}{'x nginx':>9}{'p99 x nginx':>13}{'x bare':>8}{'errors':>8}{'cpu us':>8}{'cpu x bare':>12}{'user us':>9}{'kernel us':>11}")
for name, _ in variants:
    rps, p99, errors, cpu, user, kernel = med[name]
    cells = [f"{name:<28}", f"{rps:>10.0f}", f"{p99:>9.2f}"]
    cells.append(f"{rps / med[nginx][0]:>9.2f}" if nginx else f"{'':>9}")
    cells.append(f"{p99 / med[nginx][1]:>13.2f}" if nginx else f"{'':>13}")
    cells.append(f"{rps / med[bare][0]:>8.2f}" if bare else f"{'':>8}")
    cells.append(f"{errors:>8}")
    cells.append(f"{cpu:>8.2f}")
    cells.append(f"{cpu / med[bare][3]:>12.2f}" if bare else f"{'':>12}")
    cells.append(f"{user:>9.2f}{kernel:>11.2f}")
    print("".join(cells))
PY
