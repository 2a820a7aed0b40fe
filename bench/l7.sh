#!/usr/bin/env bash
# L7 benchmark (R-P1): wrk through Bascule and through HAProxy 2.6 to the same two nginx
# servers on loopback, one after the other, both proxies pinned to the same cores with the
# same number of threads. Prints requests/s and p99 for keep-alive, new-connection, 16 KiB
# response, 16 KiB upload (read whole by Bascule) and 2 MiB upload (streamed) cases, idle and
# loaded RSS, and the ratios Bascule/HAProxy of the medians over the rounds. Not part of the
# test suite.
#
#   bench/l7.sh [seconds-per-run]        (default 10; needs nginx, haproxy, wrk, taskset)
#   ROUNDS=5 bench/l7.sh                 (runs per proxy and case, alternating who goes first; default 3)
#
# Bascule runs as users run it: `./bascule run -f haproxy.cfg` on the same haproxy.cfg HAProxy
# gets, with the launcher's JVM flags (BASCULE_JAVA_OPTS adds some, e.g. -XX:+UseParallelGC).
# BASCULE_TRANSPORT=io_uring|epoll|nio picks the proxy's transport (default: the first available).
# BASCULE_VIA=benchproxy runs the spec-built BenchProxy test class instead (no distribution
# build; handy with JFR while profiling).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DUR=${1:-10}
CORES=${CORES:-0-$(( $(nproc) - 1 ))}
THREADS=${THREADS:-$(nproc)}
CONNS=${CONNS:-50}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow"
for bin in nginx haproxy wrk taskset; do
    command -v "$bin" >/dev/null || { echo "missing: $bin" >&2; exit 2; }
done
WORK=$(mktemp -d /tmp/bascule-bench-l7.XXXXXX)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

VIA=${BASCULE_VIA:-launcher}
if [ "$VIA" = launcher ]; then
    echo "building the distribution (./bascule build)..." >&2
    "$ROOT/bascule" build
else
    echo "building bascule-l7 (test classes)..." >&2
    (cd "$ROOT" && mvn -B -q -o -pl bascule-l7 -am test-compile -DskipTests >/dev/null \
      && mvn -B -q -o -pl bascule-l7 dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
    CP="$ROOT/bascule-l7/target/test-classes:$ROOT/bascule-l7/target/classes:$ROOT/bascule-sched/target/classes:$ROOT/bascule-health/target/classes:$(cat "$WORK/cp.txt")"
fi

S1=18101; S2=18102; HAP=18180; BAS=18190
mkdir -p "$WORK/nginx"
head -c 16384 /dev/zero | tr '\0' 'x' > "$WORK/nginx/big"
# Uploads (wrk -s): a 16 KiB body the proxy reads whole (at most 1 MiB are), a 2 MiB one it streams.
for size in 16384 2097152; do
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/octet-stream"\nwrk.body = string.rep("x", %d)\n' \
        "$size" > "$WORK/post$size.lua"
done
cat > "$WORK/nginx/nginx.conf" <<NGX
user root;
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 8192; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_max_body_size 0;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    server {
        listen 127.0.0.1:$S1;
        listen 127.0.0.1:$S2;
        location = /big { root $WORK/nginx; }
        # Uploads: nginx reads the whole body (in memory) before it answers, through a proxy_pass to
        # itself that does not forward the body; a bare "return" would answer before the body is
        # read, and a proxy may then stop sending it.
        location = /upload {
            client_body_buffer_size 4m;
            proxy_pass_request_body off;
            proxy_set_header Content-Length "";
            proxy_pass http://127.0.0.1:$S1/;
        }
        location / { default_type text/plain; return 200 "hello\n"; }
    }
}
NGX
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" & PIDS+=($!)

cat > "$WORK/haproxy.cfg" <<HAP
global
    nbthread $THREADS
    maxconn 4000
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    maxconn 4000
listen bench
    bind 127.0.0.1:$HAP
    balance roundrobin
    option forwardfor
    http-reuse safe
    server s1 127.0.0.1:$S1
    server s2 127.0.0.1:$S2
HAP
taskset -c "$CORES" haproxy -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 & HAP_PID=$!; PIDS+=($HAP_PID)
sed -e "s/:$HAP\$/:$BAS/" -e "s/^listen bench/listen bascule/" "$WORK/haproxy.cfg" > "$WORK/bascule.cfg"
if [ "$VIA" = launcher ]; then
    # exec's java in place, so $! is the JVM (its RSS is what is measured).
    taskset -c "$CORES" "$ROOT/bascule" run -f "$WORK/bascule.cfg" --socket "$WORK/bascule.sock" \
        >"$WORK/bascule.log" 2>&1 & BAS_PID=$!; PIDS+=($BAS_PID)
else
taskset -c "$CORES" "$JAVA_HOME/bin/java" -Xms24m -Xmn16m -Xmx256m -XX:+UseSerialGC -Dio.netty.leakDetection.level=disabled \
    -Dlogback.configurationFile=/dev/null --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -cp "$CP" org.bascule.l7.bench.BenchProxy $BAS "$THREADS" $S1 $S2 >"$WORK/bascule.log" 2>&1 & BAS_PID=$!; PIDS+=($BAS_PID)
fi

wait_port() { for _ in $(seq 1 200); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.05; done; echo "port $1 never opened" >&2; for f in "$WORK"/*.log "$WORK"/nginx/error.log; do echo "== $f" >&2; tail -n 5 "$f" >&2; done; exit 1; }
for p in $S1 $S2 $HAP $BAS; do wait_port $p; done
rss() { awk '/VmRSS/ {print $2}' /proc/$1/status; }
# CPU time (user+system, clock ticks) of a process and its threads: the cost per request is the
# figure that does not depend on how the 2 cores are shared between wrk, nginx and the proxy.
cpu_ticks() { awk '{print $14 + $15}' /proc/$1/stat; }
TICK=$(getconf CLK_TCK)
HAP_IDLE=$(rss $HAP_PID); BAS_IDLE=$(rss $BAS_PID)

# wrk prints "Requests/sec: N" and, with --latency, "99% Xunit". One wrk run: req/s, p99 (ms),
# CPU ticks the proxy used, requests done, and wrk's error lines.
run() { # port path extra-header pid [wrk-script]
    local t0; t0=$(cpu_ticks "$4")
    local out; out=$(wrk -t2 -c"$CONNS" -d"${DUR}s" --latency ${3:+-H "$3"} ${5:+-s "$5"} "http://127.0.0.1:$1$2")
    local rps p99 errs reqs
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
    errs=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
    reqs=$(echo "$out" | awk '/requests in/ {print $1}')
    echo "$rps $p99 $(( $(cpu_ticks "$4") - t0 )) $reqs $errs"
}
# Every case is warmed up: with only the keep-alive path warm, C2 was still compiling the
# connection set-up code during the measured new-connection run (perf: a third of the JVM's
# CPU in C2 compiler threads), which measures the JIT, not the steady state users run.
echo "warm-up (JIT for Bascule, caches for both)..." >&2
for port in $BAS $HAP; do
    wrk -t2 -c"$CONNS" -d4s "http://127.0.0.1:$port/" >/dev/null
    wrk -t2 -c"$CONNS" -d4s -H "Connection: close" "http://127.0.0.1:$port/" >/dev/null
    wrk -t2 -c"$CONNS" -d2s "http://127.0.0.1:$port/big" >/dev/null
    wrk -t2 -c"$CONNS" -d2s -s "$WORK/post16384.lua" "http://127.0.0.1:$port/upload" >/dev/null
    wrk -t2 -c"$CONNS" -d2s -s "$WORK/post2097152.lua" "http://127.0.0.1:$port/upload" >/dev/null
done

printf "%-22s %14s %14s %7s %12s %12s %7s %14s %14s %7s\n" case "haproxy req/s" "bascule req/s" ratio "haproxy p99" "bascule p99" ratio "haproxy cpu/req" "bascule cpu/req" ratio
# ROUNDS runs per proxy and case, in alternating order (HAProxy first, then Bascule first): on
# a shared 2-core VM one run can be 20% off, and whoever runs second inherits the TIME_WAIT
# sockets of the first. req/s and p99 are the medians over the rounds (one slow run, of either
# proxy, moved a mean of two by 30%); CPU per request is over all requests. The p99 ratio of
# each round (both proxies measured back to back) is printed under the case, so the spread shows.
ROUNDS=${ROUNDS:-3}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
declare -A PORT=([h]=$HAP [b]=$BAS) PID=([h]=$HAP_PID [b]=$BAS_PID) RPS P99 TICKS REQS ERR CPU
for case in "keep-alive|/||" "new-connection|/|Connection: close|" "16KiB-body|/big||" \
        "16KiB-upload|/upload||$WORK/post16384.lua" "2MiB-upload|/upload||$WORK/post2097152.lua"; do
    IFS='|' read -r name path header script <<< "$case"
    for who in h b; do RPS[$who]=""; P99[$who]=""; TICKS[$who]=0; REQS[$who]=0; ERR[$who]=""; done
    ROUND_P99=""
    for r in $(seq 1 "$ROUNDS"); do
        order="h b"; [ $((r % 2)) -eq 0 ] && order="b h"
        declare -A THIS=()
        for who in $order; do
            read -r rps p99 ticks reqs err <<< "$(run "${PORT[$who]}" "$path" "$header" "${PID[$who]}" "$script")"
            RPS[$who]="${RPS[$who]} $rps"; P99[$who]="${P99[$who]} $p99"; THIS[$who]=$p99
            TICKS[$who]=$((TICKS[$who] + ticks)); REQS[$who]=$((REQS[$who] + reqs)); ERR[$who]="${ERR[$who]}$err"
        done
        ROUND_P99="$ROUND_P99 $(printf '%.2f' "$(echo "${THIS[b]} / ${THIS[h]}" | bc -l)")"
    done
    for who in h b; do
        # shellcheck disable=SC2086
        RPS[$who]=$(median ${RPS[$who]}); P99[$who]=$(median ${P99[$who]})
        CPU[$who]=$(echo "${TICKS[$who]} * 1000000 / $TICK / ${REQS[$who]}" | bc -l)
    done
    printf "%-22s %14.0f %14.0f %7.2f %10.2fms %10.2fms %7.2f %12.1fus %12.1fus %7.2f\n" "$name" "${RPS[h]}" "${RPS[b]}" \
        "$(echo "${RPS[b]} / ${RPS[h]}" | bc -l)" "${P99[h]}" "${P99[b]}" "$(echo "${P99[b]} / ${P99[h]}" | bc -l)" \
        "${CPU[h]}" "${CPU[b]}" "$(echo "${CPU[b]} / ${CPU[h]}" | bc -l)"
    echo "   p99 ratio per round:$ROUND_P99"
    [ -z "${ERR[h]}${ERR[b]}" ] || echo "   errors: haproxy[${ERR[h]}] bascule[${ERR[b]}]"
done
HAP_LOAD=$(rss $HAP_PID); BAS_LOAD=$(rss $BAS_PID)
printf "%-22s %12s KiB %12s KiB %7.2f\n" "RSS idle" "$HAP_IDLE" "$BAS_IDLE" "$(echo "$BAS_IDLE / $HAP_IDLE" | bc -l)"
printf "%-22s %12s KiB %12s KiB %7.2f\n" "RSS after load" "$HAP_LOAD" "$BAS_LOAD" "$(echo "$BAS_LOAD / $HAP_LOAD" | bc -l)"
# The transport the proxy chose (BASCULE_TRANSPORT=io_uring|epoll|nio forces one), from its start-up line.
TRANSPORT=$(grep -o '[a-z_]* transport' "$WORK/bascule.log" | head -n 1 || true)
echo "(bascule via $VIA ${BASCULE_JAVA_OPTS:-}${TRANSPORT:+, $TRANSPORT}; threads=$THREADS cores=$CORES connections=$CONNS duration=${DUR}s x $ROUNDS rounds; ratios are Bascule/HAProxy)"
