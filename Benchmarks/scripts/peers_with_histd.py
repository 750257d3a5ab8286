#!/usr/bin/env python3
"""histd serve beside InfluxDB 1.x and VictoriaMetrics, in one run, on the plant workload.

Reuses the peer benchmark of the shared bench kit (run_peers.py: its ingest client, query timer,
InfluxDB and VictoriaMetrics runners), imported from --peers-dir or $PEERS_DIR, and adds a histd
peer measured the same way:

  start `histd serve` fresh on a free loopback port -> write the file with the same client
  (same batches, same writers) -> SIGTERM (the orderly shutdown seals the head into partition
  files; VmHWM is sampled until exit) -> du -sb of the data directory -> start again on the same
  directory -> the same five queries through /api/v1/query (median of --runs after --warmup),
  each answer checked against the line protocol file -> stop.

Usage:
  python3 /work/shared/bench/gen_workload.py --duration 7200 --seed 42 --out /tmp/plant_2h.lp
  swift build -c release --product histd
  python3 Benchmarks/scripts/peers_with_histd.py --peers-dir /work/shared/bench/peers \
      --histd .build/release/histd --lp /tmp/plant_2h.lp --duration 7200 --json /tmp/peers_2h.json
"""
import argparse
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse


def import_run_peers(path):
    if not path or not os.path.exists(os.path.join(path, "run_peers.py")):
        sys.exit("run_peers.py not found: give --peers-dir or PEERS_DIR (e.g. /work/shared/bench/peers)")
    sys.path.insert(0, path)
    import run_peers  # noqa: E402
    return run_peers


rp = None  # the run_peers module, set in main()

FIELDS = ["state", "part_count", "reject_count", "temp_motor", "temp_bearing", "temp_coolant",
          "pressure", "motor_current", "spindle_speed", "vibration_rms"]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse_reference(lp_path):
    """From the line protocol: every field of M001, and temp_motor of every machine, as
    {(machine, field): [(ts, value), ...]} in time order (values as Python int or float)."""
    ref = {}
    with open(lp_path, "rb") as f:
        for raw in f:
            line = raw.decode()
            head, fields, ts = line.rstrip("\n").split(" ")
            machine = head.split("machine=")[1].split(",")[0]
            ts = int(ts)
            for item in fields.split(","):
                name, text = item.split("=")
                if machine != "M001" and name != "temp_motor":
                    continue
                value = int(text[:-1]) if text.endswith("i") else float(text)
                ref.setdefault((machine, name), []).append((ts, value))
    for k in ref:
        ref[k].sort()
    return ref


def buckets(points, start, width):
    out = {}
    for ts, v in points:
        out.setdefault(start + (ts - start) // width * width, []).append(v)
    return out


def check_raw(answer, ref, machine, fields):
    """Series/row counts, and every (time, value) equal to the line protocol (Python float
    equality of the parsed decimal strings is bit equality of the doubles)."""
    series = answer["series"]
    rows = sum(len(s["values"]) for s in series)
    bad = 0
    for s in series:
        expected = ref[(machine, s["field"])]
        got = [(r[0], r[1]) for r in s["values"]]
        if len(got) != len(expected):
            bad += abs(len(got) - len(expected)) or 1
        for (t1, v1), (t2, v2) in zip(got, expected):
            if t1 != t2 or v1 != v2:
                bad += 1
    names = sorted(s["field"] for s in series)
    return {"series": len(series), "rows": rows, "value_mismatches": bad,
            "fields_ok": names == sorted(fields)}


def check_rollup(answer, expected_by_series, agg, width, start):
    """Bucket starts, counts and aggregate values against a computation from the line protocol
    (mean: relative error <= 1e-12; max and count: exact)."""
    series = answer["series"]
    rows = sum(len(s["values"]) for s in series)
    bad = 0
    for s in series:
        key = s["tags"].get("machine", "*")
        expected = buckets(expected_by_series[key], start, width)
        cols = s["columns"]
        for r in s["values"]:
            vals = expected.get(r[0])
            if vals is None or r[cols.index("count")] != len(vals):
                bad += 1
                continue
            if agg == "mean":
                want = math.fsum(vals) / len(vals)
                if abs(r[cols.index("mean")] - want) > 1e-12 * abs(want):
                    bad += 1
            elif agg == "max" and r[cols.index("max")] != max(vals):
                bad += 1
        if len(s["values"]) != len(expected):
            bad += 1
    out = {"series": len(series), "rows": rows, "value_mismatches": bad}
    if len(series) == 1 and len(series[0]["values"]) == 1:
        out["value"] = series[0]["values"][0][1]
    return out


def histd_queries(args, port, ref):
    s, e = rp.EPOCH_NS, rp.EPOCH_NS + args.duration * 10**9
    base = {"measurement": "plant", "from": s, "to": e}
    minute = 60 * 10**9
    temp_all = {m: pts for (m, f), pts in ref.items() if f == "temp_motor"}
    everything = [p for pts in temp_all.values() for p in pts]
    qs = {
        "a_raw_one_series": (dict(base, tag="machine=M001", field="temp_motor"),
                             lambda j: check_raw(j, ref, "M001", ["temp_motor"])),
        "a2_raw_one_machine_all_fields": (dict(base, tag="machine=M001"),
                                          lambda j: check_raw(j, ref, "M001", FIELDS)),
        "b_mean_1m_one_machine": (dict(base, tag="machine=M001", field="temp_motor", every="1m", agg="mean"),
                                  lambda j: check_rollup(j, {"M001": temp_all["M001"]}, "mean", minute, s)),
        "c_max_1m_all_machines_by_machine": (
            dict(base, field="temp_motor", every="1m", agg="max", group_by="machine"),
            lambda j: check_rollup(j, temp_all, "max", minute, s)),
        "d_count_one_field_all_machines": (
            dict(base, field="temp_motor", every="%ds" % args.duration, agg="count", group_by="all"),
            lambda j: check_rollup(j, {"*": everything}, "count", args.duration * 10**9, s)),
    }
    res = {}
    for name, (params, check) in qs.items():
        path = "/api/v1/query?" + urllib.parse.urlencode(params, safe="=")
        res[name] = rp.time_query(port, path, args.runs, args.warmup, lambda data, c=check: c(json.loads(data)))
        res[name]["query"] = urllib.parse.unquote(path)
    return res


def start_histd(args, data, log_path, port):
    log = open(log_path, "a")
    cmd = [args.histd, "serve", "--data", data, "--http", "127.0.0.1:%d" % port]
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    return proc, log, cmd


def sigterm_and_sample(proc, timeout=600):
    """SIGTERM, then sample VmHWM until the process is gone; returns (exit code, seconds, peak)."""
    peak = rp.proc_status(proc.pid, "VmHWM") or 0
    t0 = time.time()
    os.kill(proc.pid, signal.SIGTERM)
    while proc.poll() is None and time.time() - t0 < timeout:
        peak = max(peak, rp.proc_status(proc.pid, "VmHWM") or 0)
        time.sleep(0.01)
    if proc.poll() is None:
        proc.kill()
    return proc.wait(), time.time() - t0, peak


def run_histd(args, batches, n_lines, ref):
    d = os.path.join(rp.ROOT, "histd")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    data = os.path.join(d, "data")
    port = free_port()
    proc, log, cmd = start_histd(args, data, os.path.join(d, "histd.log"), port)
    res = {"peer": "histd", "cmd": " ".join(cmd), "pid": proc.pid}
    try:
        res["startup_s"] = rp.wait_http(port, "/health")
        cpu0 = rp.proc_cpu_s(proc.pid)
        ing = rp.ingest(port, "/write?db=plant&precision=ns", batches, args.writers, args.ingest_deadline)
        ing["server_cpu_s"] = rp.proc_cpu_s(proc.pid) - cpu0
        ing["vmhwm_bytes_after_ingest"] = rp.proc_status(proc.pid, "VmHWM")
        ing["vmrss_bytes_after_ingest"] = rp.proc_status(proc.pid, "VmRSS")
        res["ingest"] = ing
        res["du_right_after_ingest"] = rp.du_sb(data)
    finally:
        code, seconds, peak = sigterm_and_sample(proc)
        log.close()
    res["flush_exit_code"] = code
    res["flush_s"] = seconds
    res["vmhwm_bytes_ingest_and_flush"] = peak
    res["du_total_after_flush"] = rp.du_sb(data)
    res["du_alloc_after_flush"] = rp.du_alloc(data)
    res["du_breakdown"] = rp.tree_breakdown(data)
    # Queries on a fresh process over the flushed directory, as a restart after the night shift.
    proc, log, cmd = start_histd(args, data, os.path.join(d, "histd.log"), port)
    try:
        res["restart_s"] = rp.wait_http(port, "/health")
        res["queries"] = {} if args.no_queries else histd_queries(args, port, ref)
        res["vmhwm_bytes_query_process"] = rp.proc_status(proc.pid, "VmHWM")
    finally:
        res["exit_code"], _, _ = sigterm_and_sample(proc)
        log.close()
    res["vmhwm_bytes_end"] = max(peak, res.get("vmhwm_bytes_query_process") or 0)
    res["du_total_after_stop"] = rp.du_sb(data)
    return res


def markdown(out):
    peers = list(out["peers"])
    rows = []

    def row(label, fn):
        cells = []
        for p in peers:
            try:
                cells.append(fn(out["peers"][p]))
            except (KeyError, TypeError):
                cells.append("-")
        rows.append("| %s | %s |" % (label, " | ".join(cells)))

    row("ingest field values/s", lambda r: "{:,.0f}".format(r["ingest"]["values_per_s"]))
    row("ingest wall (s)", lambda r: "%.1f" % r["ingest"]["wall_s"])
    row("server CPU during ingest (s)", lambda r: "%.1f" % r["ingest"]["server_cpu_s"])
    row("batch latency median / max (ms)", lambda r: "%.0f / %.0f" % (
        1000 * r["ingest"]["batch_latency_median_s"], 1000 * r["ingest"]["batch_latency_max_s"]))
    row("on disk after flush, du -sb (B)", lambda r: "{:,}".format(
        r.get("du_total_after_flush") or r.get("du_total_after_compaction") or r["du_after_force_merge"]))
    row("**bytes/value**", lambda r: "**%.3f**" % r["bytes_per_value"])
    row("peak RSS, VmHWM (MiB)", lambda r: "%.0f" % (r["vmhwm_bytes_end"] / 2**20))
    for q in ["a_raw_one_series", "a2_raw_one_machine_all_fields", "b_mean_1m_one_machine",
              "c_max_1m_all_machines_by_machine", "d_count_one_field_all_machines"]:
        row("query %s median ms (min / p90)" % q, lambda r, q=q: "%.2f (%.2f / %.2f)" % (
            r["queries"][q]["median_ms"], r["queries"][q]["min_ms"], r["queries"][q]["p90_ms"]))
        row("&nbsp;&nbsp;check %s (series / rows / mismatches)" % q[:2].rstrip("_"), lambda r, q=q: "%s / %s / %s" % (
            r["queries"][q].get("series"), r["queries"][q].get("rows"),
            r["queries"][q].get("value_mismatches", "n/c")))
    head = "| metric | %s |\n|---|%s" % (" | ".join(peers), "---|" * len(peers))
    return head + "\n" + "\n".join(rows)


def main():
    global rp
    ap = argparse.ArgumentParser()
    ap.add_argument("--peers-dir", default=os.environ.get("PEERS_DIR"), help="folder of run_peers.py")
    ap.add_argument("--histd", default=".build/release/histd", help="the histd binary (release build)")
    ap.add_argument("--lp", required=True)
    ap.add_argument("--duration", type=int, required=True)
    ap.add_argument("--fields-per-line", type=int, default=10)
    ap.add_argument("--peers", default="influxdb,victoria-metrics,histd")
    ap.add_argument("--batch", type=int, default=5000)
    ap.add_argument("--writers", type=int, default=2)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--ingest-deadline", type=int, default=1500)
    ap.add_argument("--compact-deadline", type=int, default=600)
    ap.add_argument("--no-queries", action="store_true")
    ap.add_argument("--json", required=True)
    args = ap.parse_args()
    rp = import_run_peers(args.peers_dir)
    args.histd = os.path.abspath(args.histd)

    n_lines, batches = rp.load_batches(args.lp, args.batch)
    n_values = n_lines * args.fields_per_line
    ref = parse_reference(args.lp) if "histd" in args.peers.split(",") else None
    out = {"lp_file": args.lp, "lp_bytes": os.path.getsize(args.lp), "lines": n_lines,
           "field_values": n_values, "batches": len(batches), "batch": args.batch,
           "writers": args.writers, "duration_s": args.duration, "started": time.ctime(),
           "peers": {}}
    for peer in args.peers.split(","):
        print("=== %s" % peer, flush=True)
        if peer == "histd":
            r = run_histd(args, batches, n_lines, ref)
            disk = r["du_total_after_flush"]
        else:
            r = {"influxdb": rp.run_influx, "victoria-metrics": rp.run_vm}[peer](args, batches, n_lines)
            disk = r.get("du_total_after_compaction") or r.get("du_after_force_merge")
        r["ingest"]["values_per_s"] = n_values / r["ingest"]["wall_s"]
        r["bytes_per_value"] = disk / n_values if disk else None
        out["peers"][peer] = r
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1)
        ing = r["ingest"]
        print("  ingest %.1f s => %.0f values/s, errors=%s, server cpu %.1f s" % (
            ing["wall_s"], ing["values_per_s"], ing["errors"], ing["server_cpu_s"]))
        print("  disk %s B => %.3f B/value; VmHWM end %.0f MiB" % (
            disk, r["bytes_per_value"] or -1, (r.get("vmhwm_bytes_end") or 0) / 2**20))
        for qn, qr in r.get("queries", {}).items():
            print("  %-34s median %8.2f ms  (min %.2f, p90 %.2f) series=%s rows=%s %s %s" % (
                qn, qr.get("median_ms", -1), qr.get("min_ms", -1), qr.get("p90_ms", -1),
                qr.get("series"), qr.get("rows"), qr.get("value", qr.get("error", "")),
                "mismatches=%s" % qr["value_mismatches"] if "value_mismatches" in qr else ""), flush=True)
    out["finished"] = time.ctime()
    with open(args.json, "w") as f:
        json.dump(out, f, indent=1)
    print(markdown(out))


if __name__ == "__main__":
    main()
