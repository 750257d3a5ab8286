#!/usr/bin/env python3
"""GET requests to several HTTP servers, one keep-alive connection each, alternated request by request,
so that every target sees the same minutes of a machine whose speed drifts; prints median, min and p90.

Usage: alternating_get.py ROUNDS NAME=PORT:PATH [NAME=PORT:PATH ...]
  e.g. alternating_get.py 3000 histd=8086:/health vm=8428:/health
The first 20 rounds are warm-up and not counted.
"""
import http.client
import statistics
import sys
import time

WARMUP = 20


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    targets = []
    for spec in sys.argv[2:]:
        name, rest = spec.split("=", 1)
        port, path = rest.split(":", 1)
        targets.append((name, http.client.HTTPConnection("127.0.0.1", int(port), timeout=60), path))
    times = {name: [] for name, _, _ in targets}
    for round_index in range(WARMUP + rounds):
        for name, connection, path in targets:
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            elapsed = time.perf_counter() - started
            if response.status != 200:
                sys.exit("%s: HTTP %d: %r" % (name, response.status, body[:200]))
            if round_index >= WARMUP:
                times[name].append(elapsed)
    for name, values in times.items():
        values.sort()
        print("%-14s median %.3f ms  min %.3f  p90 %.3f" % (
            name, 1000 * statistics.median(values), 1000 * values[0], 1000 * values[int(0.9 * (len(values) - 1))]))


if __name__ == "__main__":
    main()
