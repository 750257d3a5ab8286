#!/usr/bin/env python3
"""The memory attacks of the hardening issue as a pass/fail check (not part of the default test run:
about three minutes with a release build). Exits 1 when a peak passes its documented bound.

1. Clients that never read a large answer: 1,300,000 samples are written (the raw answer is about
   51 MB of JSON), then --clients raw connections (receive buffer 4 KiB) each ask /api/v1/query for
   all of them and read nothing, for --hold seconds. Bound: 1 GiB peak RSS (issue: at most 1 GiB while
   40 clients leave a 50 MB answer unread). A client that reads must still get its small answer.
2. One million series registered and written again (Benchmarks/scripts/million_series.py). Bound:
   1.5 GiB peak RSS through both passes and the flush.

Usage:
  swift build -c release --product histd
  python3 Benchmarks/scripts/memory_attacks.py --histd .build/release/histd [--json out.json]
"""
import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from million_series import Sampler, post, rss_mib, start  # noqa: E402

GIB = 1024


def unread_answers(histd, clients, hold):
    directory = tempfile.mkdtemp(prefix="histd-unread-")
    shutil.rmtree(directory)
    process, port = start(histd, directory, [])
    try:
        base = 1_704_067_200_000_000_000
        samples = 1_300_000
        for first in range(0, samples, 100_000):
            lines = "\n".join(f"attack,machine=M1 v={n * 0.25} {base + n * 1_000_000_000}" for n in range(first, min(samples, first + 100_000)))
            post(port, "/write?db=plant", lines.encode())
        sampler = Sampler(process.pid)
        sampler.start()
        before = rss_mib(process.pid)
        target = f"/api/v1/query?measurement=attack&field=v&from={base}&to={base + samples * 1_000_000_000}"
        sockets = []
        for _ in range(clients):
            client = socket.socket()
            client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            client.connect(("127.0.0.1", port))
            client.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            sockets.append(client)
        time.sleep(hold)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/health")
        health = connection.getresponse().status
        peak = sampler.take_peak()
        sampler.running = False
        for client in sockets:
            client.close()
        return {"rss_before_mib": before, "peak_mib": peak, "health_status": health}
    finally:
        process.terminate()
        process.wait(timeout=300)
        shutil.rmtree(directory, ignore_errors=True)
        os.remove(directory + ".log")


def million_series(histd):
    output = tempfile.mktemp(suffix=".json")
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "million_series.py")
    subprocess.run([sys.executable, script, "--histd", histd, "--json", output], check=True, stdout=subprocess.DEVNULL)
    with open(output) as file:
        result = json.load(file)
    os.remove(output)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--histd", required=True)
    parser.add_argument("--clients", type=int, default=40)
    parser.add_argument("--hold", type=float, default=45)
    parser.add_argument("--json")
    arguments = parser.parse_args()
    unread = unread_answers(arguments.histd, arguments.clients, arguments.hold)
    million = million_series(arguments.histd)
    million_peak = max(million["first_pass_peak_mib"], million["second_pass_peak_mib"], million["flush_peak_mib"])
    checks = [
        ("unread answers: peak RSS <= 1 GiB", unread["peak_mib"] <= GIB),
        ("unread answers: /health answers meanwhile", unread["health_status"] == 200),
        ("million series: peak RSS <= 1.5 GiB", million_peak <= 1.5 * GIB),
    ]
    result = {"unread_answers": unread, "million_series": million, "checks": {name: passed for name, passed in checks}}
    print(json.dumps(result, indent=2))
    if arguments.json:
        with open(arguments.json, "w") as file:
            json.dump(result, file, indent=2)
    failed = [name for name, passed in checks if not passed]
    print(f"memory attacks: {len(checks) - len(failed)} passed, {len(failed)} failed" + (": " + "; ".join(failed) if failed else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
