#!/usr/bin/env python3
"""The peer benchmark's five InfluxQL queries against InfluxDB 1.6 and histd's /query, on the data
directories a peers_with_histd.py run left behind (--peers histd,influxdb), alternated request by
request; checks that both answer the same (floats to 1e-9 relative) and prints medians and ratios.

Usage (after PEERBENCH_ROOT=/tmp/pb python3 Benchmarks/scripts/peers_with_histd.py ... --peers histd,influxdb):
  python3 Benchmarks/scripts/influxql_side_by_side.py --peers-dir /work/shared/bench/peers \\
      --histd .build/release/histd --root /tmp/pb --duration 7200 --rounds 100
"""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse


def close(x, y):
    if isinstance(x, float) or isinstance(y, float):
        return isinstance(x, (int, float)) and isinstance(y, (int, float)) and (x == y or abs(x - y) <= 1e-9 * max(abs(x), abs(y)))
    if isinstance(x, list) and isinstance(y, list):
        return len(x) == len(y) and all(close(a, b) for a, b in zip(x, y))
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() == y.keys() and all(close(x[k], y[k]) for k in x)
    return x == y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peers-dir", required=True)
    ap.add_argument("--histd", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--duration", type=int, required=True)
    ap.add_argument("--rounds", type=int, default=100)
    args = ap.parse_args()
    sys.path.insert(0, args.peers_dir)
    import run_peers as rp  # noqa: E402

    histd_port = 9941
    influx = subprocess.Popen(["influxd", "run", "-config", os.path.join(args.root, "influxdb", "influxdb.conf")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    histd = subprocess.Popen([os.path.abspath(args.histd), "serve", "--data", os.path.join(args.root, "histd", "data"),
                              "--http", "127.0.0.1:%d" % histd_port, "--log-level", "error"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        rp.wait_http(rp.INFLUX_PORT, "/ping")
        rp.wait_http(histd_port, "/health")
        s, e = rp.EPOCH_NS, rp.EPOCH_NS + args.duration * 10**9
        rng = "time >= %d AND time < %d" % (s, e)
        queries = {
            "a": "SELECT temp_motor FROM plant WHERE machine='M001' AND %s" % rng,
            "a2": "SELECT * FROM plant WHERE machine='M001' AND %s" % rng,
            "b": "SELECT mean(temp_motor) FROM plant WHERE machine='M001' AND %s GROUP BY time(1m)" % rng,
            "c": "SELECT max(temp_motor) FROM plant WHERE %s GROUP BY time(1m), machine" % rng,
            "d": "SELECT count(temp_motor) FROM plant WHERE %s" % rng,
        }
        conns = {"histd": http.client.HTTPConnection("127.0.0.1", histd_port, timeout=120),
                 "influxdb": http.client.HTTPConnection("127.0.0.1", rp.INFLUX_PORT, timeout=120)}
        for name, query in queries.items():
            path = "/query?" + urllib.parse.urlencode({"db": "plant", "epoch": "ns", "q": query})
            times = {"histd": [], "influxdb": []}
            answers = {}
            for round_index in range(args.rounds + 3):
                for peer in (["histd", "influxdb"] if round_index % 2 == 0 else ["influxdb", "histd"]):
                    started = time.perf_counter()
                    conns[peer].request("GET", path)
                    response = conns[peer].getresponse()
                    body = response.read()
                    elapsed = time.perf_counter() - started
                    if response.status != 200:
                        sys.exit("%s %s: HTTP %d %r" % (peer, name, response.status, body[:300]))
                    if round_index == 0:
                        answers[peer] = json.loads(body)
                    if round_index >= 3:
                        times[peer].append(elapsed)
            same = close(answers["histd"], answers["influxdb"])
            medians = {peer: 1000 * statistics.median(values) for peer, values in times.items()}
            print("%-3s histd %8.3f ms   InfluxDB %8.3f ms   histd/InfluxDB %.3f   same answer: %s" % (
                name, medians["histd"], medians["influxdb"], medians["histd"] / medians["influxdb"], same), flush=True)
    finally:
        for proc in (influx, histd):
            proc.terminate()
            proc.wait(timeout=60)


if __name__ == "__main__":
    main()
