#!/usr/bin/env python3
"""Soak test of histd serve (hardening issue): writers, queries, flushes, compactions, orderly
restarts and kill -9 in a loop on loopback, for --minutes; not part of the default test run.

  * --writers threads post batches of --batch lines `soak,writer=W,series=S v=<float>,n=<int> <ns>`
    (each writer its own series and strictly increasing timestamps) and keep a ledger of what was
    acknowledged with 204; a batch that fails (the daemon is down) is sent again after the restart;
  * one query thread loops over /api/v1/query rollups and raw reads and /query (InfluxQL);
  * every --cycle seconds the daemon is flushed (/api/v1/admin/flush), compacted
    (/api/v1/admin/maintenance), and then restarted: every third cycle with kill -9, otherwise
    with SIGTERM (an orderly stop must end within 60 s);
  * VmRSS is sampled every second.
At the end every acknowledged value must be back, bit for bit (raw reads per series, compared
with the ledger), and no query may have failed with a 5xx. Prints and writes a JSON summary.

Usage:
  swift build -c release --product histd
  python3 Benchmarks/scripts/soak.py --histd .build/release/histd --minutes 8 --json /tmp/soak.json
"""
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.parse


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Daemon:
    def __init__(self, histd, directory):
        self.histd = histd
        self.directory = directory
        self.process = None
        self.port = None
        self.rss_peak = 0

    def start(self):
        self.port = free_port()
        log = open(self.directory + ".log", "a")
        self.process = subprocess.Popen(
            [self.histd, "serve", "--data", self.directory, "--http", f"127.0.0.1:{self.port}"], stdout=log, stderr=log)
        deadline = time.time() + 300
        while time.time() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/health")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                raise SystemExit("histd exited at start; see " + self.directory + ".log")
            time.sleep(0.05)
        raise SystemExit("histd did not start within 300 s")

    def rss(self):
        try:
            for line in open(f"/proc/{self.process.pid}/status"):
                if line.startswith("VmRSS"):
                    value = int(line.split()[1]) // 1024
                    self.rss_peak = max(self.rss_peak, value)
                    return value
        except (OSError, AttributeError):
            return 0
        return 0

    def stop(self, kill):
        if kill:
            self.process.kill()
            self.process.wait()
            return 0.0
        started = time.time()
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
        return time.time() - started


def request(port, method, path, body=None, timeout=60):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request(method, path, body=body)
    response = connection.getresponse()
    return response.status, response.read()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--histd", default=".build/release/histd")
    ap.add_argument("--minutes", type=float, default=8)
    ap.add_argument("--cycle", type=float, default=30, help="seconds between flush + compaction + restart")
    ap.add_argument("--writers", type=int, default=3)
    ap.add_argument("--series", type=int, default=50, help="series per writer")
    ap.add_argument("--batch", type=int, default=2000)
    ap.add_argument("--work", default="/tmp/histd-soak")
    ap.add_argument("--json", required=True)
    args = ap.parse_args()

    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    directory = args.work + "/data"
    daemon = Daemon(args.histd, directory)
    daemon.start()
    state = {"port": daemon.port, "up": True, "stop": False}
    lock = threading.Lock()
    ledger = {}  # (writer, series) -> {ns: (v, n)}
    counters = {"batches": 0, "values": 0, "queries": 0, "query_5xx": 0, "query_errors": 0, "retries": 0}

    def writer(index):
        rng = random.Random(index)
        clock = 1_704_067_200_000_000_000 + index
        while not state["stop"]:
            lines, entries = [], []
            for _ in range(args.batch):
                series = rng.randrange(args.series)
                clock += 1_000_000
                v = rng.uniform(-1000, 1000)
                n = rng.randrange(-10**12, 10**12)
                lines.append(f"soak,writer={index},series={series} v={v!r},n={n}i {clock}\n")
                entries.append(((index, series), clock, v, n))
            body = "".join(lines).encode()
            while not state["stop"]:
                if not state["up"]:
                    time.sleep(0.05)
                    continue
                try:
                    status, _ = request(state["port"], "POST", "/write", body)
                except OSError:
                    status = None
                if status == 204:
                    with lock:
                        for key, ns, v, n in entries:
                            ledger.setdefault(key, {})[ns] = (v, n)
                        counters["batches"] += 1
                        counters["values"] += 2 * len(entries)
                    break
                counters["retries"] += 1
                time.sleep(0.05)

    def querier():
        paths = [
            "/api/v1/query?measurement=soak&field=v&from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z&every=1m&agg=mean,max&group_by=writer",
            "/api/v1/query?measurement=soak&tag=writer=0&tag=series=1&field=n&from=2024-01-01T00:00:00Z&to=2024-01-01T00:10:00Z",
            "/query?q=" + urllib.parse.quote("SELECT count(v), mean(v) FROM soak WHERE time >= '2024-01-01T00:00:00Z' GROUP BY writer"),
        ]
        while not state["stop"]:
            if not state["up"]:
                time.sleep(0.05)
                continue
            for path in paths:
                try:
                    status, _ = request(state["port"], "GET", path)
                    counters["queries"] += 1
                    if status >= 500:
                        counters["query_5xx"] += 1
                except OSError:
                    counters["query_errors"] += 1

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(args.writers)] + [threading.Thread(target=querier)]
    for thread in threads:
        thread.start()
    started = time.time()
    cycles, kills, stops, stop_seconds = 0, 0, 0, []
    rss_samples = []
    next_cycle = started + args.cycle
    while time.time() - started < args.minutes * 60:
        time.sleep(1)
        rss_samples.append(daemon.rss())
        if time.time() < next_cycle:
            continue
        cycles += 1
        request(state["port"], "POST", "/api/v1/admin/flush", b"", timeout=300)
        request(state["port"], "POST", "/api/v1/admin/maintenance", b"", timeout=300)
        kill = cycles % 3 == 0
        state["up"] = False
        seconds = daemon.stop(kill)
        if kill:
            kills += 1
        else:
            stops += 1
            stop_seconds.append(seconds)
        daemon.start()
        state["port"] = daemon.port
        state["up"] = True
        next_cycle = time.time() + args.cycle
    state["stop"] = True
    for thread in threads:
        thread.join()

    # Every acknowledged value back, bit for bit.
    missing = 0
    changed = 0
    for (index, series), expected in sorted(ledger.items()):
        got = {}
        for field in ("v", "n"):
            path = (f"/api/v1/query?measurement=soak&tag=writer={index}&tag=series={series}&field={field}"
                    "&from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z")
            status, body = request(daemon.port, "GET", path, timeout=300)
            for item in json.loads(body).get("series", []):
                for row in item["values"]:
                    got.setdefault(row[0], {})[field] = row[1]
        for ns, (v, n) in expected.items():
            row = got.get(ns)
            if row is None:
                missing += 1
            elif row.get("v") != v or row.get("n") != n:
                changed += 1
    daemon.stop(False)
    summary = {
        "minutes": args.minutes, "cycles": cycles, "sigterm_restarts": stops, "kill9_restarts": kills,
        "orderly_stop_seconds_max": max(stop_seconds) if stop_seconds else None,
        "acknowledged_values": counters["values"], "batches": counters["batches"], "write_retries": counters["retries"],
        "queries": counters["queries"], "query_5xx": counters["query_5xx"], "query_connection_errors": counters["query_errors"],
        "rss_peak_mib": daemon.rss_peak, "rss_median_mib": sorted(rss_samples)[len(rss_samples) // 2] if rss_samples else 0,
        "values_missing": missing, "values_changed": changed,
    }
    print(json.dumps(summary, indent=1))
    with open(args.json, "w") as f:
        json.dump(summary, f, indent=1)
    shutil.rmtree(args.work, ignore_errors=True)
    raise SystemExit(0 if missing == 0 and changed == 0 and counters["query_5xx"] == 0 else 1)


if __name__ == "__main__":
    main()
