#!/usr/bin/env python3
"""One million distinct series against histd serve (hardening issue, item 5): not part of the default test run.

One writer posts --series lines of distinct series (`sensors,device=dN,site=sM value=<float> <ns>`) in
batches of --batch lines, then the same series again one second later (the second pass finds every series
registered). VmRSS of the daemon is sampled every 0.2 s; the script prints, per pass, the time and the
peak RSS, and the RSS after a flush and after a restart on the same data.

Usage:
  swift build -c release --product histd
  python3 Benchmarks/scripts/million_series.py --histd .build/release/histd [--series 1000000] [--json out.json]
"""
import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mib(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return 0
    return 0


class Sampler(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.running = True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_mib(self.pid))
            time.sleep(0.2)

    def take_peak(self):
        peak, self.peak = self.peak, rss_mib(self.pid)
        return peak


def start(histd, directory, extra):
    port = free_port()
    log = open(directory + ".log", "a")
    process = subprocess.Popen(
        [histd, "serve", "--data", directory, "--http", f"127.0.0.1:{port}"] + extra, stdout=log, stderr=log)
    deadline = time.time() + 600
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.1)
    raise SystemExit("histd did not start")


def post(port, path, body=b""):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    connection.request("POST", path, body=body)
    response = connection.getresponse()
    text = response.read()
    if response.status not in (200, 204):
        raise SystemExit(f"{path}: {response.status} {text[:300]!r}")


def write_pass(port, series, batch, timestamp):
    started = time.time()
    for first in range(0, series, batch):
        lines = [f"sensors,device=d{n},site=s{n % 1000} value={n * 0.5} {timestamp}"
                 for n in range(first, min(series, first + batch))]
        post(port, "/write?db=plant", "\n".join(lines).encode())
    return time.time() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--histd", required=True)
    parser.add_argument("--series", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--json")
    parser.add_argument("extra", nargs="*", help="more arguments for histd serve (after --)")
    arguments = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="histd-million-")
    shutil.rmtree(directory)
    process, port = start(arguments.histd, directory, arguments.extra)
    sampler = Sampler(process.pid)
    sampler.start()
    result = {"series": arguments.series, "batch": arguments.batch}
    now = time.time_ns()
    result["first_pass_s"] = write_pass(port, arguments.series, arguments.batch, now)
    result["first_pass_peak_mib"] = sampler.take_peak()
    time.sleep(1)
    result["second_pass_s"] = write_pass(port, arguments.series, arguments.batch, now + 1_000_000_000)
    result["second_pass_peak_mib"] = sampler.take_peak()
    post(port, "/api/v1/admin/flush")
    time.sleep(1)
    result["after_flush_mib"] = rss_mib(process.pid)
    result["flush_peak_mib"] = sampler.take_peak()
    sampler.running = False
    process.terminate()
    process.wait(timeout=300)
    started = time.time()
    process, port = start(arguments.histd, directory, arguments.extra)
    result["restart_s"] = time.time() - started
    result["after_restart_mib"] = rss_mib(process.pid)
    process.terminate()
    process.wait(timeout=300)
    shutil.rmtree(directory, ignore_errors=True)
    os.remove(directory + ".log")
    print(json.dumps(result, indent=2))
    if arguments.json:
        with open(arguments.json, "w") as output:
            json.dump(result, output, indent=2)


if __name__ == "__main__":
    main()
