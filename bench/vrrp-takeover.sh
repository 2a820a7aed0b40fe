#!/usr/bin/env bash
# VRRP take-over time, Bascule vs keepalived, same timers, same run (SPEC R-P4; not a test).
#
# Two routers on one bridge (namespaces of our own, 10.77.70.0/24), a client in a third
# namespace, a TCP server bound to the VIP on both routers answering its router's name. For each
# implementation and run: start the backup (priority 100) and the master (priority 150), wait
# until the client gets "master", SIGKILL the master (by PID; keepalived's VRRP child too), and
# time until the client gets "backup" from the VIP: master-down timer + take-over + gratuitous
# ARP, as a client sees it. Median of RUNS runs, for VRRPv2 advert_int 1 and VRRPv3 advert_int 0.1.
#
#   sudo bench/vrrp-takeover.sh [RUNS]        (root; keepalived, socat, iproute2)
set -euo pipefail

RUNS=${1:-5}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ID=$$
SW="bvb${ID}sw"; M="bvb${ID}m"; B="bvb${ID}b"; C="bvb${ID}c"
VIP=10.77.70.100
WORK=$(mktemp -d /tmp/vrrp-bench.XXXXXX)
PIDS=()

[ "$(id -u)" = 0 ] || { echo "vrrp-takeover: needs root (namespaces, raw sockets)" >&2; exit 2; }
for t in keepalived socat ip; do command -v $t >/dev/null || { echo "vrrp-takeover: $t is not installed" >&2; exit 2; }; done

cleanup() {
    # one_run runs in a subshell: the PIDs it started are in $WORK/pids.
    # Only if the PID is still one of ours (keepalived or java), never a reused one.
    [ -f "$WORK/pids" ] && while read -r p; do
        grep -qaE 'keepalived|java' "/proc/$p/cmdline" 2>/dev/null && kill -9 "$p" 2>/dev/null || true
    done <"$WORK/pids"
    for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    for n in "$C" "$B" "$M" "$SW"; do ip netns del "$n" 2>/dev/null || true; done
    if [ -n "${KEEP:-}" ]; then echo "logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

"$ROOT/bascule" build >/dev/null

ip netns add "$SW"; ip -n "$SW" link add br0 type bridge; ip -n "$SW" link set br0 up
node() { # NS ROLE CIDR
    ip netns add "$1"; ip -n "$1" link set lo up
    ip link add "v$ID$2" type veth peer name "s$ID$2"
    ip link set "v$ID$2" netns "$1"; ip link set "s$ID$2" netns "$SW"
    ip -n "$1" link set "v$ID$2" name eth0
    ip -n "$1" addr add "$3" dev eth0; ip -n "$1" link set eth0 up
    ip -n "$SW" link set "s$ID$2" master br0; ip -n "$SW" link set "s$ID$2" up
    ip netns exec "$1" sysctl -q -w net.ipv4.ip_nonlocal_bind=1
}
node "$M" m 10.77.70.1/24; node "$B" b 10.77.70.2/24; node "$C" c 10.77.70.9/24
for n in "$M" "$B"; do
    ip netns exec "$n" socat TCP-LISTEN:8080,bind=$VIP,reuseaddr,fork "SYSTEM:echo $n" >/dev/null 2>&1 & PIDS+=($!)
done

conf() { # VERSION ADVERT_INT PRIORITY
    cat <<CONF
global_defs {
    vrrp_version $1
}
vrrp_instance VI_BENCH {
    state BACKUP
    interface eth0
    virtual_router_id 70
    priority $3
    advert_int $2
    virtual_ipaddress {
        $VIP/24
    }
}
CONF
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
fetch() { ip netns exec "$C" socat -T 0.3 - "TCP:$VIP:8080,connect-timeout=0.2" 2>/dev/null || true; }

# start IMPL NS DIR -> prints the PID to kill
start() {
    local impl=$1 ns=$2 dir=$3
    if [ "$impl" = keepalived ]; then
        ip netns exec "$ns" keepalived -n -l -D -P -f "$dir/k.conf" -p "$dir/k.pid" -r "$dir/kv.pid" >"$dir/log" 2>&1 &
    else
        ip netns exec "$ns" "$ROOT/bascule" run -f "$dir/k.conf" --socket "$dir/b.sock" --io-threads 1 >"$dir/log" 2>&1 &
    fi
    echo $!
}

# crash IMPL PID DIR: SIGKILL. keepalived's parent is stopped first (it would respawn its
# child), then its VRRP child is killed, then the parent: killing the parent first is no crash,
# its child gets SIGTERM on the parent's death and resigns with priority 0.
crash() {
    if [ "$1" = keepalived ] && [ -f "$3/kv.pid" ]; then
        kill -STOP "$2" 2>/dev/null || true
        kill -9 "$(cat "$3/kv.pid")" 2>/dev/null || true
    fi
    kill -9 "$2" 2>/dev/null || true
}

wait_for() { # COMMAND... ; bounded to 30 s
    local end=$(( $(now_ms) + 30000 ))
    until "$@"; do [ "$(now_ms)" -lt "$end" ] || return 1; sleep 0.05; done
}

one_run() { # IMPL VERSION ADVERT_INT -> prints take-over ms
    # A directory per run: keepalived refuses to start on a pid file whose process still lives.
    local impl=$1 v=$2 adv=$3 n; n=$(date +%s%N)
    local dm=$WORK/m.$impl.$n db=$WORK/b.$impl.$n
    mkdir -p "$dm" "$db"
    conf "$v" "$adv" 150 >"$dm/k.conf"; conf "$v" "$adv" 100 >"$db/k.conf"
    local pb; pb=$(start "$impl" "$B" "$db")
    local pm; pm=$(start "$impl" "$M" "$dm")
    echo "$pb" >>"$WORK/pids"; echo "$pm" >>"$WORK/pids"
    wait_for bash -c "[ \"\$(ip netns exec $C socat -T 0.3 - TCP:$VIP:8080,connect-timeout=0.2 2>/dev/null)\" = $M ]" \
        || { echo "no master within 30 s ($impl v$v)" >&2; cat "$dm/log" >&2; return 1; }
    sleep 2   # steady state: the backup has heard several adverts
    local t0; t0=$(now_ms)
    crash "$impl" "$pm" "$dm"
    until [ "$(fetch)" = "$B" ]; do
        [ $(( $(now_ms) - t0 )) -lt 30000 ] || { echo "no take-over within 30 s ($impl v$v); backup's log:" >&2; tail -20 "$db/log" >&2;
            echo "client sees: $(fetch)" >&2; ip -n "$B" -o addr show dev eth0 >&2
            kill "$pb" 2>/dev/null || true; ip -n "$M" addr del "$VIP/24" dev eth0 2>/dev/null || true
            echo FAIL; return 0; }
    done
    echo $(( $(now_ms) - t0 ))
    echo "crash at $(date -d @$((t0 / 1000)) +%T).$((t0 % 1000)), client saw the backup at $(date +%T.%N)" >"$db/crash.v$v"
    kill "$pb" 2>/dev/null || true
    local end=$(( $(now_ms) + 15000 ))
    while [ -d "/proc/$pb" ] && [ "$(now_ms)" -lt "$end" ]; do sleep 0.1; done   # not our child: poll
    while [ -d "/proc/$pm" ] && [ "$(now_ms)" -lt "$end" ]; do sleep 0.1; done
    ip -n "$M" addr del "$VIP/24" dev eth0 2>/dev/null || true   # the crashed master's stale VIP
    ip -n "$B" addr del "$VIP/24" dev eth0 2>/dev/null || true
    ip -n "$C" neigh flush dev eth0 2>/dev/null || true
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

printf '%-26s %12s %12s %8s\n' "case ($RUNS runs, median)" "keepalived" "bascule" "ratio"
for c in "2 1" "3 0.1"; do
    set -- $c
    declare -A res=()
    for impl in ${IMPLS:-keepalived bascule}; do
        vals=()
        for _ in $(seq "$RUNS"); do vals+=("$(one_run "$impl" "$1" "$2")"); done
        # A run without take-over within 30 s is reported, not counted in the median.
        res[$impl]=$(printf '%s\n' "${vals[@]}" | grep -v FAIL | median)
        echo "  v$1 advert_int $2 $impl runs (ms): ${vals[*]}" >&2
    done
    ratio=$(awk -v b="${res[bascule]}" -v k="${res[keepalived]}" 'BEGIN {printf "%.2f", b / k}')
    printf '%-26s %10s ms %10s ms %8s\n' "VRRPv$1 advert_int $2" "${res[keepalived]}" "${res[bascule]}" "$ratio"
done
echo "(ratio = bascule / keepalived; below 1 means Bascule takes over faster)"
