#!/usr/bin/env python3
"""The five peer-benchmark queries against VictoriaMetrics and histd, interleaved request by request.

The machine this runs on changes speed by up to two times over minutes (shared host), so the
sequential runs of peers_with_histd.py (first one peer's queries, minutes later the other's) can
favour either peer. Here both servers run at once on the data directories a peers_with_histd.py run
left behind, and every round sends one request to each, alternating which goes first; medians and
the histd / VictoriaMetrics ratio per query come from the same minutes.

Usage (after peers_with_histd.py with PEERBENCH_ROOT=/tmp/pb):
  python3 Benchmarks/scripts/interleaved_queries.py --peers-dir /work/shared/bench/peers \
      --histd .build/release/histd --root /tmp/pb --duration 7200 --rounds 200 --json /tmp/interleaved.json
"""
import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def queries(epoch_s, duration):
    s, e = epoch_s, epoch_s + duration
    ns, ne = s * 10**9, e * 10**9
    base = {"measurement": "plant", "from": ns, "to": ne}
    histd = {
        "a": dict(base, tag="machine=M001", field="temp_motor"),
        "a2": dict(base, tag="machine=M001"),
        "b": dict(base, tag="machine=M001", field="temp_motor", every="1m", agg="mean"),
        "c": dict(base, field="temp_motor", every="1m", agg="max", group_by="machine"),
        "d": dict(base, field="temp_motor", every="%ds" % duration, agg="count", group_by="all"),
    }
    # The same expressions as ../shared/bench/peers/run_peers.py (vm_queries).
    vm = {
        "a": "/api/v1/export?" + urllib.parse.urlencode({"match[]": 'plant_temp_motor{machine="M001"}', "start": s, "end": e - 1}),
        "a2": "/api/v1/export?" + urllib.parse.urlencode({"match[]": '{__name__=~"plant_.*",machine="M001"}', "start": s, "end": e - 1}),
        "b": "/api/v1/query_range?" + urllib.parse.urlencode(
            {"query": 'avg_over_time(plant_temp_motor{machine="M001"}[1m])', "start": s + 60, "end": e, "step": "60s"}),
        "c": "/api/v1/query_range?" + urllib.parse.urlencode(
            {"query": 'max by (machine) (max_over_time(plant_temp_motor[1m]))', "start": s + 60, "end": e, "step": "60s"}),
        "d": "/api/v1/query?" + urllib.parse.urlencode(
            {"query": 'sum(count_over_time(plant_temp_motor[%ds]))' % duration, "time": e - 1}),
    }
    return {name: ("/api/v1/query?" + urllib.parse.urlencode(params, safe="="), vm[name]) for name, params in histd.items()}


def timed(conn, path):
    t0 = time.perf_counter()
    conn.request("GET", path)
    r = conn.getresponse()
    data = r.read()
    dt = time.perf_counter() - t0
    if r.status != 200:
        raise RuntimeError("HTTP %d for %s: %s" % (r.status, path, data[:200]))
    return dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peers-dir", required=True, help="folder of run_peers.py")
    ap.add_argument("--histd", required=True)
    ap.add_argument("--root", required=True, help="PEERBENCH_ROOT of a finished peers_with_histd.py run")
    ap.add_argument("--duration", type=int, required=True)
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--json", required=True)
    args = ap.parse_args()
    sys.path.insert(0, args.peers_dir)
    import run_peers as rp  # noqa: E402

    vm_port, histd_port = free_port(), free_port()
    vm = subprocess.Popen(["victoria-metrics", "-httpListenAddr=127.0.0.1:%d" % vm_port,
                           "-storageDataPath=%s/victoria-metrics/data" % args.root, "-retentionPeriod=10y",
                           "-search.disableCache", "-loggerLevel=ERROR"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    histd = subprocess.Popen([os.path.abspath(args.histd), "serve", "--data", "%s/histd/data" % args.root,
                              "--http", "127.0.0.1:%d" % histd_port, "--log-level", "error"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = {"rounds": args.rounds, "warmup": args.warmup, "started": time.ctime(), "queries": {}}
    try:
        rp.wait_http(vm_port, "/health")
        rp.wait_http(histd_port, "/health")
        for name, (histd_path, vm_path) in queries(rp.EPOCH_S, args.duration).items():
            conns = {"histd": http.client.HTTPConnection("127.0.0.1", histd_port, timeout=120),
                     "vm": http.client.HTTPConnection("127.0.0.1", vm_port, timeout=120)}
            paths = {"histd": histd_path, "vm": vm_path}
            times = {"histd": [], "vm": []}
            for round_index in range(args.warmup + args.rounds):
                order = ["histd", "vm"] if round_index % 2 == 0 else ["vm", "histd"]
                for peer in order:
                    dt = timed(conns[peer], paths[peer])
                    if round_index >= args.warmup:
                        times[peer].append(dt)
            for conn in conns.values():
                conn.close()
            medians = {peer: 1000 * statistics.median(t) for peer, t in times.items()}
            out["queries"][name] = {"histd_median_ms": medians["histd"], "vm_median_ms": medians["vm"],
                                    "ratio_histd_to_vm": medians["histd"] / medians["vm"]}
            print("%-3s histd %8.3f ms   VictoriaMetrics %8.3f ms   histd/VM %.2f" % (
                name, medians["histd"], medians["vm"], medians["histd"] / medians["vm"]), flush=True)
    finally:
        for proc in (vm, histd):
            proc.terminate()
            proc.wait(timeout=60)
    out["finished"] = time.ctime()
    with open(args.json, "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
