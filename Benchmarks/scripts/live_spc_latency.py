#!/usr/bin/env python3
"""Live SPC under load: the time from the 204 of a write to the alarm message at an event-stream
client, and the ingest rate with and without live charts.

  histd serve starts fresh on a free loopback port (data under --work). The first --phase1 s of
  the plant workload (gen_workload.py --workload plant: 100 machines, 10 fields, 1 line per machine
  per second) are written unpaced; then --charts I-MR charts (Western Electric rules, phase I = those
  seconds) are defined on temp_motor of the first --charts machines.

  latency: an event-stream client (GET /api/v1/events/stream, raw socket) records when each
    message arrives; one writer sends the rest of the file in batches of --batch lines on a
    wall-clock schedule of --rate field values/s (batch i due at t0 + values before it / rate).
    For every message that opens an episode, the batch that holds its first point (the last batch
    holding that machine's line at that time) gives the 204 time; latency = arrival - 204 (a
    message can arrive before the 204: the step runs once the batch is durable, and the writer is
    answered after that; such latencies count as 0). Reports p50, p99 and max over all episodes.
  ingest: --writers writers send the whole file unpaced (after phase I), once with the charts and
    once without, alternating --runs times: field values acknowledged per second of wall time.

Usage:
  python3 ../shared/bench/gen_workload.py --duration 7200 --seed 42 --out /tmp/plant_2h.lp
  swift build -c release --product histd
  python3 Benchmarks/scripts/live_spc_latency.py --histd .build/release/histd --lp /tmp/plant_2h.lp \\
      --json /tmp/live_spc.json
"""
import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import threading
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(histd, directory):
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    port = free_port()
    log = open(directory + ".log", "w")
    process = subprocess.Popen([histd, "serve", "--data", directory + "/data", "--http", f"127.0.0.1:{port}"],
                               stdout=log, stderr=log)
    for _ in range(600):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.05)
    raise SystemExit("histd did not start; see " + directory + ".log")


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()


def post(connection, path, body):
    connection.request("POST", path, body=body)
    response = connection.getresponse()
    data = response.read()
    if response.status not in (200, 201, 204):
        raise SystemExit(f"POST {path}: {response.status} {data[:300]!r}")
    return data


def load(path):
    """Lines of the file, and per line its timestamp (ns) and machine."""
    lines = open(path, "rb").read().split(b"\n")
    lines = [line + b"\n" for line in lines if line]
    keys = []
    for line in lines:
        head, _, timestamp = line.rstrip().rpartition(b" ")
        machine = head.split(b" ")[0].split(b"machine=")[1].decode()
        keys.append((int(timestamp), machine))
    return lines, keys


def define_charts(port, machines, phase_from, phase_to):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for machine in machines:
        body = json.dumps({
            "name": f"temp_motor {machine}", "type": "imr", "rules": "we",
            "series": {"measurement": "plant", "tags": {"machine": machine}, "field": "temp_motor"},
            "phase1": {"from": phase_from, "to": phase_to},
        })
        post(connection, "/api/v1/spc/charts", body)


class StreamClient(threading.Thread):
    """Reads the event stream; records (arrival monotonic s, event) of every message."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /api/v1/events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nLast-Event-ID: 0\r\n\r\n")
        self.messages = []
        self.stop = False

    def run(self):
        buffer = b""
        while not self.stop:
            try:
                data = self.sock.recv(1 << 16)
            except OSError:
                return
            if not data:
                return
            arrived = time.monotonic()
            buffer += data
            while b"\n\n" in buffer:
                block, buffer = buffer.split(b"\n\n", 1)
                for line in block.split(b"\n"):
                    line = line.strip(b"\r")
                    if line.startswith(b"data: "):
                        self.messages.append((arrived, json.loads(line[6:])))


def paced_write(port, lines, keys, start_index, batch, rate, fields_per_line):
    """Sends lines[start_index:] in batches on a wall-clock schedule; returns per batch
    (first line, end line, 204 monotonic s)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    acknowledged = []
    t0 = time.monotonic()
    values = 0
    for begin in range(start_index, len(lines), batch):
        end = min(len(lines), begin + batch)
        due = t0 + values / rate
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
        post(connection, "/write", b"".join(lines[begin:end]))
        acknowledged.append((begin, end, time.monotonic()))
        values += (end - begin) * fields_per_line
    return acknowledged, values / (time.monotonic() - t0)


def unpaced_write(port, lines, start_index, batch, writers, fields_per_line):
    batches = [(b, min(len(lines), b + batch)) for b in range(start_index, len(lines), batch)]
    lock = threading.Lock()
    position = [0]

    def work():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        while True:
            with lock:
                if position[0] >= len(batches):
                    return
                begin, end = batches[position[0]]
                position[0] += 1
            post(connection, "/write", b"".join(lines[begin:end]))

    threads = [threading.Thread(target=work) for _ in range(writers)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return (len(lines) - start_index) * fields_per_line / (time.monotonic() - started)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--histd", default=".build/release/histd")
    ap.add_argument("--lp", required=True)
    ap.add_argument("--work", default="/tmp/histd-live-bench")
    ap.add_argument("--charts", type=int, default=100)
    ap.add_argument("--phase1", type=int, default=600, help="seconds of data time in phase I")
    ap.add_argument("--rate", type=float, default=200_000, help="field values/s of the latency run")
    ap.add_argument("--batch", type=int, default=5000)
    ap.add_argument("--writers", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--fields-per-line", type=int, default=10)
    ap.add_argument("--json", required=True)
    args = ap.parse_args()

    lines, keys = load(args.lp)
    first = keys[0][0]
    phase_end = first + args.phase1 * 1_000_000_000
    split = next(i for i, key in enumerate(keys) if key[0] >= phase_end)
    machines = sorted({machine for _, machine in keys[:split]})[:args.charts]
    to_rfc = lambda ns: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ns / 1e9))
    result = {"charts": len(machines), "rate_target": args.rate, "batch": args.batch, "file": args.lp}

    # Latency at a fixed rate, with the charts.
    process, port = start(args.histd, args.work + "/latency")
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        for begin in range(0, split, args.batch):
            post(connection, "/write", b"".join(lines[begin:min(split, begin + args.batch)]))
        define_charts(port, machines, to_rfc(first), to_rfc(phase_end))
        stream = StreamClient(port)
        stream.start()
        time.sleep(1)
        acknowledged, achieved = paced_write(port, lines, keys, split, args.batch, args.rate, args.fields_per_line)
        time.sleep(2)
        stream.stop = True
        # The last batch holding (time, machine), by the batches' line ranges.
        batch_of_line = {}
        for begin, end, at in acknowledged:
            for index in range(begin, end):
                batch_of_line[keys[index]] = at
        latencies = []
        for arrived, event in stream.messages:
            if event.get("kind") != "spc_violation" or not event.get("open") or event.get("points") != 1:
                continue
            machine = event.get("machine")
            at = batch_of_line.get((event["first_time"], machine))
            if at is not None:
                latencies.append(max(0.0, arrived - at) * 1000)
        latencies.sort()
        if latencies:
            result["latency_ms"] = {
                "episodes": len(latencies), "p50": latencies[len(latencies) // 2],
                "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], "max": latencies[-1],
            }
        result["latency_run_values_per_s"] = achieved
        result["messages"] = len(stream.messages)
    finally:
        stop(process)

    # Ingest unpaced, alternating without and with charts.
    runs = []
    for run in range(args.runs):
        for with_charts in (False, True):
            process, port = start(args.histd, args.work + f"/ingest-{run}-{int(with_charts)}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
                for begin in range(0, split, args.batch):
                    post(connection, "/write", b"".join(lines[begin:min(split, begin + args.batch)]))
                if with_charts:
                    define_charts(port, machines, to_rfc(first), to_rfc(phase_end))
                    time.sleep(1)
                rate = unpaced_write(port, lines, split, args.batch, args.writers, args.fields_per_line)
                runs.append({"run": run, "charts": with_charts, "values_per_s": rate})
                print(f"ingest run {run} charts={with_charts}: {rate:,.0f} values/s", flush=True)
            finally:
                stop(process)
    result["ingest_runs"] = runs
    without = statistics.median(r["values_per_s"] for r in runs if not r["charts"])
    with_ = statistics.median(r["values_per_s"] for r in runs if r["charts"])
    result["ingest_median_without"] = without
    result["ingest_median_with"] = with_
    result["ingest_ratio"] = with_ / without
    print(json.dumps(result, indent=1))
    with open(args.json, "w") as f:
        json.dump(result, f, indent=1)
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
