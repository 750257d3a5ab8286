#!/usr/bin/env python3
"""Mixed load: the five peer queries in a loop while two writers ingest the plant workload at a
fixed rate, for VictoriaMetrics and histd in the same run.

Reuses the shared bench kit (run_peers.py, imported from --peers-dir or $PEERS_DIR: HTTP helpers,
wait_http, stop_pid, /proc readers, du, the VictoriaMetrics command line and PromQL queries) and
peers_with_histd.py beside this file (how histd serve is started and stopped, the histd query
parameters). Everything listens on 127.0.0.1 only; data under $PEERBENCH_ROOT/mixed/.

  Phase 1, calibration (VictoriaMetrics alone, fresh): the same client as phase 2 (--writers
    keep-alive connections taking batches of --batch lines in order, as run_peers.ingest does)
    but unpaced, for --calibrate-seconds. Its rate (field values acknowledged / wall time) is
    "the fastest rate VictoriaMetrics sustains alone"; the fixed target is --target-fraction
    (0.8) of it, used for BOTH peers. --target VALUES_PER_S skips the calibration.
  Phase 2, for each peer in --peers order (each started fresh on an empty directory):
    * --writers threads send the batches on a wall-clock schedule: batch i is due at
      t0 + (field values of batches 0..i-1) / target, sent at once when the writers are behind
      (no sleep-after-send drift; a backlog is caught up, never dropped), until --duration s;
    * one query thread loops over the five peer queries (a, a2, b, c, d of run_peers) through
      the peer's own API (histd: /api/v1/query like peers_with_histd.py; VictoriaMetrics: the
      same export / query_range / query calls as run_peers.vm_queries) over a trailing window
      of --query-window s of DATA time that has been written: it ends at the newest minute
      boundary below the highest timestamp that every acknowledged batch covers contiguously,
      as it was --query-lag (2) s of wall time earlier (VictoriaMetrics acknowledges before rows
      are searchable; the lag makes both peers answer over complete data, which the counts below
      confirm or refute). Closed loop: a faster peer runs more rounds. Latency = request
      sent to last byte read. Every --check-every-th round (and the first) the answers are
      counted against what a complete window holds (rows, series, the count of d);
    * VmRSS / server CPU / machine CPU sampled every second; for histd /metrics is polled every
      0.25 s (histd_head_memory_bytes, histd_partition_bytes, histd_wal_bytes) to find the
      flushes: from the sample before the head shrank to the sample where partition bytes
      changed (flushes closer together than the poll merge into one). Every batch is recorded
      (start time, latency, values, status), so the p99 write latency of batches in seconds that
      contain a flush vs the other seconds is reported for histd (with the default 256 MiB head
      a 300 s run may see only one or two flushes: use --head-memory for that measurement).
  Ingest kept = every full --window s window >= --window-tolerance (0.95) x target and the total
  >= --total-tolerance (0.98) x target.

Data: --lp (default $PEERBENCH_ROOT/work/plant_2h.lp, generated with gen_workload.py
--workload plant --duration 7200 --seed SEED when missing) is loaded once and LOOPED: pass k
sends the file's batches with every timestamp shifted by k x the file's span (last minus first
timestamp plus the 1 s step: 7,200 s for plant_2h), rewritten in place in the batch buffer
(timestamps are fixed-width 19-digit ns), so the data keeps moving forward in time with no
duplicate timestamps; values repeat every pass (counters jump back at pass boundaries). The
plant workload is 1,000 values per second of data time: at 2 M values/s a 300 s run writes
~600 M values = ~170 h of data time, ~83 passes of the 2 h file (needs a few GB of disk: histd's
WAL grows ~11 B/value until a flush).

Usage (one command; VictoriaMetrics from Debian: apt-get install victoria-metrics, service not
running):
  python3 Benchmarks/scripts/mixed_load.py --peers-dir /work/shared/bench/peers \\
      --histd .build/release/histd --duration 300 --calibrate-seconds 60 \\
      --json /tmp/mixed_load_300s.json
  # flush latency with a smaller head (histd's head_memory_bytes, as HISTD_HEAD_MEMORY_BYTES):
  python3 Benchmarks/scripts/mixed_load.py ... --head-memory 64MiB --json /tmp/mixed_flush.json
  # histd alone at a given rate (no calibration, no VictoriaMetrics):
  python3 Benchmarks/scripts/mixed_load.py ... --peers histd --target 2000000 --json /tmp/h.json
  # smoke: --duration 20 --calibrate-seconds 10 --query-window 1800
"""
import argparse
import bisect
import hashlib
import http.client
import json
import math
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rp = None   # run_peers, set in main()
pwh = None  # peers_with_histd, set in main()

QUERIES = ["a_raw_one_series", "a2_raw_one_machine_all_fields", "b_mean_1m_one_machine",
           "c_max_1m_all_machines_by_machine", "d_count_one_field_all_machines"]
SHORT = {q: q.split("_")[0] for q in QUERIES}
TS_DIGITS = 19
POW10 = (10 ** np.arange(TS_DIGITS - 1, -1, -1, dtype=np.int64)).astype(np.int64)


def import_kits(peers_dir):
    global rp, pwh
    if not peers_dir or not os.path.exists(os.path.join(peers_dir, "run_peers.py")):
        sys.exit("run_peers.py not found: give --peers-dir or PEERS_DIR (e.g. /work/shared/bench/peers)")
    sys.dont_write_bytecode = True   # no __pycache__ in the work tree or the shared kit
    sys.path.insert(0, peers_dir)
    sys.path.insert(0, HERE)
    import run_peers  # noqa: E402
    import peers_with_histd  # noqa: E402
    rp, pwh = run_peers, peers_with_histd
    pwh.rp = rp


def pct(sorted_vals, p):
    """Nearest-rank percentile of an ascending list (p in 0..100)."""
    if not sorted_vals:
        return None
    k = max(1, math.ceil(p / 100.0 * len(sorted_vals)))
    return sorted_vals[k - 1]


def parse_bytes(text):
    m = re.fullmatch(r"\s*(\d+)\s*([KMG]i?B?)?\s*", text or "", re.I)
    if not m:
        raise argparse.ArgumentTypeError("bytes: an integer, optionally with KiB, MiB, GiB")
    unit = (m.group(2) or "").upper().rstrip("B").rstrip("I")
    return int(m.group(1)) * {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}[unit]


# ----------------------------------------------------------------------------- workload
class Workload:
    """The line protocol file cut into batches; batch g of the endless stream is batch g % n of
    the file with its timestamps shifted by (g // n) x span."""

    def __init__(self, path, batch, fields_per_line):
        with open(path, "rb") as f:
            lines = f.read().split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        self.n_lines = len(lines)
        self.fields_per_line = fields_per_line
        self.bufs, self.pos, self.ts, self.values, self.last_ts = [], [], [], [], []
        first_ts = None
        for i in range(0, len(lines), batch):
            buf = b"\n".join(lines[i:i + batch]) + b"\n"
            a = np.frombuffer(buf, dtype=np.uint8)
            nl = np.flatnonzero(a == 10)
            start = nl - TS_DIGITS
            if (start < 1).any() or (a[start - 1] != 32).any():
                sys.exit("%s: every line must end with a 19-digit nanosecond timestamp" % path)
            digits = a[start[:, None] + np.arange(TS_DIGITS)].astype(np.int64) - 48
            if (digits < 0).any() or (digits > 9).any():
                sys.exit("%s: every line must end with a 19-digit nanosecond timestamp" % path)
            ts = digits @ POW10
            self.bufs.append(buf)
            self.pos.append(start)
            self.ts.append(ts)
            self.values.append(len(nl) * fields_per_line)
            self.last_ts.append(int(ts.max()))
            first_ts = int(ts.min()) if first_ts is None else min(first_ts, int(ts.min()))
        self.n = len(self.bufs)
        allts = np.unique(np.concatenate(self.ts))
        self.step = int(np.diff(allts).min()) if len(allts) > 1 else 10**9
        self.first_ts = first_ts
        self.span = int(allts[-1]) - first_ts + self.step
        self.series_per_step = int((np.concatenate(self.ts) == first_ts).sum())
        self.bytes = sum(len(b) for b in self.bufs)
        if any(self.last_ts[i] > int(self.ts[i + 1].min()) for i in range(self.n - 1)):
            sys.exit("%s: lines must be in time order" % path)

    def batch(self, g):
        k, j = divmod(g, self.n)
        if k == 0:
            return self.bufs[j]
        ts = self.ts[j] + np.int64(k * self.span)
        if int(ts.max()) >= 10**TS_DIGITS:
            raise OverflowError("timestamps outgrew 19 digits")
        a = np.frombuffer(self.bufs[j], dtype=np.uint8).copy()
        digits = (ts[:, None] // POW10) % 10 + 48
        a[self.pos[j][:, None] + np.arange(TS_DIGITS)] = digits.astype(np.uint8)
        return a.tobytes()

    def n_values(self, g):
        return self.values[g % self.n]

    def end_ts(self, g):
        """Exclusive end of the data time batch g covers."""
        k, j = divmod(g, self.n)
        return self.last_ts[j] + k * self.span + self.step


def ensure_lp(args):
    if args.lp:
        return os.path.abspath(args.lp)
    name = "plant_2h.lp" if args.seed == 42 else "plant_2h_seed%d.lp" % args.seed
    path = os.path.join(rp.ROOT, "work", name)
    if not os.path.exists(path):
        gen = os.path.join(args.bench_dir, "gen_workload.py")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        cmd = [sys.executable, gen, "--workload", "plant", "--duration", "7200", "--seed", str(args.seed),
               "--out", path + ".tmp"]
        print("generating %s: %s" % (path, " ".join(cmd)), flush=True)
        subprocess.run(cmd, check=True)
        os.rename(path + ".tmp", path)
    return path


# ----------------------------------------------------------------------------- load client
class Ingest:
    """`writers` keep-alive connections sending batches in order; paced when target is set."""

    def __init__(self, wl, port, path, writers, target, duration):
        self.wl, self.port, self.path = wl, port, path
        self.writers, self.target, self.duration = writers, target, duration
        self.lock = threading.Lock()
        self.next_g = 0
        self.sched_values = 0
        self.records = []          # (g, t_start, latency, values, status)
        self.errors = []
        self.done = set()
        self.contig = -1           # every batch <= contig is answered
        self.frontier = []         # (wall t_rel, exclusive end of contiguous data time ns)
        self.frontier_t = []
        self.max_behind = 0.0
        self.t0 = None

    def _finish(self, g):
        # under self.lock
        self.done.add(g)
        advanced = False
        while self.contig + 1 in self.done:
            self.done.discard(self.contig + 1)
            self.contig += 1
            advanced = True
        if advanced:
            t = time.perf_counter() - self.t0
            self.frontier_t.append(t)
            self.frontier.append(self.wl.end_ts(self.contig))

    def frontier_at(self, t_rel):
        i = bisect.bisect_right(self.frontier_t, t_rel) - 1
        return self.frontier[i] if i >= 0 else None

    def _worker(self):
        conn = http.client.HTTPConnection(rp.HOST, self.port, timeout=300)
        t_end = self.t0 + self.duration
        while True:
            with self.lock:
                g = self.next_g
                due = self.t0 + (self.sched_values / self.target if self.target else 0.0)
                if due >= t_end:
                    break
                self.next_g += 1
                self.sched_values += self.wl.n_values(g)
            body = self.wl.batch(g)
            now = time.perf_counter()
            if now >= t_end:
                break   # never sent (unpaced or behind at the end): no record
            if due > now:
                time.sleep(due - now)
            ts = time.perf_counter()
            if self.target:
                self.max_behind = max(self.max_behind, ts - due)
            status = None
            try:
                conn.request("POST", self.path, body=body, headers={"Content-Type": "text/plain; charset=utf-8"})
                r = conn.getresponse()
                data = r.read()
                status = r.status
                if status not in (200, 204):
                    with self.lock:
                        self.errors.append((g, status, data[:300].decode(errors="replace")))
            except Exception as e:  # noqa
                status = -1
                with self.lock:
                    self.errors.append((g, "exc", repr(e)))
                conn.close()
                conn = http.client.HTTPConnection(rp.HOST, self.port, timeout=300)
            te = time.perf_counter()
            with self.lock:
                self.records.append((g, ts - self.t0, te - ts, self.wl.n_values(g), status))
                self._finish(g)
        conn.close()

    def run(self, t0):
        self.t0 = t0
        ths = [threading.Thread(target=self._worker, daemon=True) for _ in range(self.writers)]
        for t in ths:
            t.start()
        return ths

    def summary(self, window):
        ok = [r for r in self.records if r[4] in (200, 204)]
        dur = self.duration
        in_time = sum(r[3] for r in ok if r[1] + r[2] <= dur)
        n_win = int(dur // window)
        wins = [0] * n_win
        for r in ok:
            w = int((r[1] + r[2]) // window)
            if w < n_win:
                wins[w] += r[3]
        rates = [v / window for v in wins]
        lats = sorted(r[2] for r in ok)
        out = {"duration_s": dur, "batches_sent": len(self.records), "batches_ok": len(ok),
               "errors": len(self.errors), "first_errors": self.errors[:5],
               "values_acked": sum(r[3] for r in ok), "values_acked_in_time": in_time,
               "values_per_s": in_time / dur, "window_s": window, "window_values_per_s": rates,
               "min_window_values_per_s": min(rates) if rates else None,
               "batch_latency_p50_s": pct(lats, 50), "batch_latency_p99_s": pct(lats, 99),
               "batch_latency_max_s": lats[-1] if lats else None,
               "data_time_written_s": (self.wl.end_ts(self.contig) - self.wl.first_ts) / 1e9
               if self.contig >= 0 else 0}
        if self.target:
            out["target_values_per_s"] = self.target
            out["max_behind_schedule_s"] = self.max_behind
        return out


# ----------------------------------------------------------------------------- queries
def histd_path(q, s, e, window):
    """The peers_with_histd / run_peers histd_queries parameters over [s, e) (seconds)."""
    base = {"measurement": "plant", "from": s * 10**9, "to": e * 10**9}
    params = {
        "a_raw_one_series": dict(base, tag="machine=M001", field="temp_motor"),
        "a2_raw_one_machine_all_fields": dict(base, tag="machine=M001"),
        "b_mean_1m_one_machine": dict(base, tag="machine=M001", field="temp_motor", every="1m", agg="mean"),
        "c_max_1m_all_machines_by_machine": dict(base, field="temp_motor", every="1m", agg="max",
                                                 group_by="machine"),
        "d_count_one_field_all_machines": dict(base, field="temp_motor", every="%ds" % window,
                                               agg="count", group_by="all"),
    }[q]
    return "/api/v1/query?" + urllib.parse.urlencode(params, safe="=")


def vm_path(q, s, e, window):
    """run_peers.vm_queries over [s, e) (seconds) instead of [EPOCH_S, EPOCH_S + duration)."""
    return {
        "a_raw_one_series": "/api/v1/export?" + urllib.parse.urlencode(
            {"match[]": 'plant_temp_motor{machine="M001"}', "start": s, "end": e - 1}),
        "a2_raw_one_machine_all_fields": "/api/v1/export?" + urllib.parse.urlencode(
            {"match[]": '{__name__=~"plant_.*",machine="M001"}', "start": s, "end": e - 1}),
        "b_mean_1m_one_machine": "/api/v1/query_range?" + urllib.parse.urlencode(
            {"query": 'avg_over_time(plant_temp_motor{machine="M001"}[1m])',
             "start": s + 60, "end": e, "step": "60s"}),
        "c_max_1m_all_machines_by_machine": "/api/v1/query_range?" + urllib.parse.urlencode(
            {"query": 'max by (machine) (max_over_time(plant_temp_motor[1m]))',
             "start": s + 60, "end": e, "step": "60s"}),
        "d_count_one_field_all_machines": "/api/v1/query?" + urllib.parse.urlencode(
            {"query": 'sum(count_over_time(plant_temp_motor[%ds]))' % window, "time": e - 1}),
    }[q]


def count_histd(q, data):
    j = json.loads(data)
    series = j.get("series", [])
    out = {"series": len(series), "rows": sum(len(s["values"]) for s in series)}
    if q.startswith("d_") and len(series) == 1 and len(series[0]["values"]) == 1:
        cols = series[0]["columns"]
        out["value"] = series[0]["values"][0][cols.index("count")]
    return out


def count_vm(q, data):
    txt = data.decode()
    if q.startswith("a"):
        lines = [json.loads(x) for x in txt.splitlines() if x.strip()]
        return {"series": len(lines), "rows": sum(len(x["values"]) for x in lines)}
    j = json.loads(txt)
    r = j["data"]["result"]
    if j["data"]["resultType"] == "matrix":
        return {"series": len(r), "rows": sum(len(x["values"]) for x in r)}
    out = {"series": len(r), "rows": len(r)}
    if len(r) == 1:
        out["value"] = int(float(r[0]["value"][1]))
    return out


def expected_counts(wl, window):
    per_series = window * 10**9 // wl.step
    m = wl.series_per_step
    return {
        "a_raw_one_series": {"series": 1, "rows": per_series},
        "a2_raw_one_machine_all_fields": {"series": wl.fields_per_line, "rows": wl.fields_per_line * per_series},
        "b_mean_1m_one_machine": {"series": 1, "rows": window // 60},
        "c_max_1m_all_machines_by_machine": {"series": m, "rows": m * (window // 60)},
        "d_count_one_field_all_machines": {"series": 1, "rows": 1, "value": m * per_series},
    }


class QueryLoop:
    def __init__(self, peer, port, ingest, args, wl):
        self.peer, self.port, self.ing, self.args = peer, port, ingest, args
        self.path_fn = histd_path if peer == "histd" else vm_path
        self.count_fn = count_histd if peer == "histd" else count_vm
        self.expected = expected_counts(wl, args.query_window)
        self.samples = {q: [] for q in QUERIES}   # (t_rel, ms, status)
        self.checks = {q: {"checked": 0, "complete": 0, "bad": []} for q in QUERIES}
        self.rounds = 0
        self.first_round_t = None
        self.stop = threading.Event()

    def window(self, t_rel):
        f = self.ing.frontier_at(t_rel - self.args.query_lag)
        if f is None:
            return None
        e = (f // 10**9 // 60) * 60          # newest whole minute (EPOCH_S is a minute boundary)
        s = e - self.args.query_window
        if s < rp.EPOCH_S:
            return None
        return s, e

    def run(self):
        conn = http.client.HTTPConnection(rp.HOST, self.port, timeout=300)
        t0, t_end = self.ing.t0, self.ing.t0 + self.args.duration
        while not self.stop.is_set() and time.perf_counter() < t_end:
            w = self.window(time.perf_counter() - t0)
            if w is None:
                time.sleep(0.1)
                continue
            if self.first_round_t is None:
                self.first_round_t = time.perf_counter() - t0
            check = self.rounds % self.args.check_every == 0
            for q in QUERIES:
                ts = time.perf_counter()
                if ts >= t_end:
                    break
                path = self.path_fn(q, w[0], w[1], self.args.query_window)
                try:
                    conn.request("GET", path)
                    r = conn.getresponse()
                    data = r.read()
                    status = r.status
                except Exception as e:  # noqa
                    status, data = -1, repr(e).encode()
                    conn.close()
                    conn = http.client.HTTPConnection(rp.HOST, self.port, timeout=300)
                dt = time.perf_counter() - ts
                self.samples[q].append((round(ts - t0, 4), round(1000 * dt, 3), status))
                if status != 200:
                    self.checks[q]["bad"].append({"t": ts - t0, "status": status, "body": data[:200].decode(errors="replace")})
                    continue
                if check:
                    c = self.checks[q]
                    c["checked"] += 1
                    try:
                        got = self.count_fn(q, data)
                    except Exception as e:  # noqa
                        got = {"error": repr(e)[:200]}
                    want = self.expected[q]
                    if all(got.get(k) == v for k, v in want.items()):
                        c["complete"] += 1
                    elif len(c["bad"]) < 10:
                        c["bad"].append({"t": ts - t0, "window": w, "got": got, "want": want})
                    if "example" not in c:
                        c["example"] = {"window": w, "path": urllib.parse.unquote(path), "got": got,
                                        "response_bytes": len(data)}
            self.rounds += 1
            if self.args.query_interval:
                time.sleep(self.args.query_interval)
        conn.close()

    def summary(self):
        out = {}
        for q in QUERIES:
            ok = sorted(ms for _, ms, st in self.samples[q] if st == 200)
            out[q] = {"n": len(ok), "errors": sum(1 for s in self.samples[q] if s[2] != 200),
                      "p50_ms": pct(ok, 50), "p90_ms": pct(ok, 90), "p99_ms": pct(ok, 99),
                      "max_ms": ok[-1] if ok else None,
                      "mean_ms": statistics.fmean(ok) if ok else None,
                      "checks": self.checks[q], "samples": self.samples[q]}
        return out


# ----------------------------------------------------------------------------- samplers
def read_proc_stat():
    with open("/proc/stat") as f:
        parts = f.readline().split()[1:]
    vals = [int(x) for x in parts]
    idle = vals[3] + vals[4]
    return sum(vals[:8]), idle


class Sampler:
    """Every second: VmRSS and CPU of the server, CPU of this client, busy CPU of the machine."""

    def __init__(self, pid, t0):
        self.pid, self.t0 = pid, t0
        self.rss = []      # (t_rel, VmRSS bytes)
        self.cpu = []      # (t_rel, server cpu s, client cpu s, machine busy cores)
        self.stop = threading.Event()

    def run(self):
        tck = os.sysconf("SC_CLK_TCK")
        tot0, idle0 = read_proc_stat()
        while not self.stop.is_set():
            t = time.perf_counter() - self.t0
            rss = rp.proc_status(self.pid, "VmRSS")
            if rss is None:
                break
            try:
                scpu = rp.proc_cpu_s(self.pid)
            except (FileNotFoundError, ProcessLookupError):
                break
            c = os.times()
            tot, idle = read_proc_stat()
            busy = ((tot - tot0) - (idle - idle0)) / tck
            self.rss.append((round(t, 3), rss))
            self.cpu.append((round(t, 3), scpu, c.user + c.system, busy))
            self.stop.wait(1.0)

    def summary(self, t_from, t_to):
        inside = [r for t, r in self.rss if t_from <= t <= t_to]
        cpu = [c for c in self.cpu if t_from <= c[0] <= t_to]
        out = {"peak_vmrss_bytes": max(inside) if inside else None,
               "vmrss_series": self.rss, "cpu_series": self.cpu}
        if len(cpu) >= 2:
            (ta, sa, ca, ba), (tb, sb, cb, bb) = cpu[0], cpu[-1]
            dt = tb - ta
            out["server_cores"] = (sb - sa) / dt
            out["client_cores"] = (cb - ca) / dt
            out["machine_busy_cores"] = (bb - ba) / dt
            out["other_cores"] = out["machine_busy_cores"] - out["server_cores"] - out["client_cores"]
        return out


class HistdMetrics:
    """Polls histd's /metrics to date the flushes."""
    KEYS = ("histd_head_memory_bytes", "histd_partition_bytes", "histd_wal_bytes")

    def __init__(self, port, t0, interval=0.25):
        self.port, self.t0, self.interval = port, t0, interval
        self.samples = []  # (t_rel, head, partition, wal)
        self.stop = threading.Event()

    def run(self):
        conn = http.client.HTTPConnection(rp.HOST, self.port, timeout=30)
        while not self.stop.is_set():
            try:
                conn.request("GET", "/metrics")
                r = conn.getresponse()
                text = r.read().decode()
                got = {}
                for line in text.splitlines():
                    name = line.split(" ", 1)[0]
                    if name in self.KEYS:
                        got[name] = float(line.rsplit(" ", 1)[1])
                self.samples.append((round(time.perf_counter() - self.t0, 3),) + tuple(got.get(k) for k in self.KEYS))
            except Exception:  # noqa
                conn.close()
                conn = http.client.HTTPConnection(rp.HOST, self.port, timeout=30)
            self.stop.wait(self.interval)
        conn.close()

    def flushes(self):
        """[(start, end)] in s: from the sample before the head shrank by half to the sample where
        the partition bytes changed (a change with no head drop seen, e.g. a compaction: that one
        sampling interval)."""
        out, open_start = [], None
        for prev, cur in zip(self.samples, self.samples[1:]):
            if None in prev or None in cur:
                continue
            # Sealing chunks may shrink the head a little; a flush drains it (to what was
            # written since), so only a drop by half or more counts.
            if cur[1] < 0.5 * prev[1] and open_start is None:
                open_start = prev[0]
            if cur[2] != prev[2]:
                out.append((open_start if open_start is not None else prev[0], cur[0]))
                open_start = None
        if open_start is not None and self.samples:
            out.append((open_start, self.samples[-1][0]))
        return out


def flush_latency(records, flushes, duration):
    secs = set()
    for a, b in flushes:
        secs.update(range(int(math.floor(a)), int(math.floor(b)) + 1))
    fl, other = [], []
    for g, ts, lat, vals, st in records:
        if st not in (200, 204):
            continue
        span = range(int(math.floor(ts)), int(math.floor(ts + lat)) + 1)
        (fl if any(s in secs for s in span) else other).append(lat)
    fl.sort()
    other.sort()

    def stats(v):
        return {"n": len(v), "p50_s": pct(v, 50), "p99_s": pct(v, 99), "max_s": v[-1] if v else None}
    in_run = sorted(s for s in secs if 0 <= s < duration)
    return {"flush_seconds": in_run, "n_flush_seconds": len(in_run), "run_seconds": int(duration),
            "flush_intervals_s": flushes, "poll_interval_s": 0.25,
            "batches_in_flush_seconds": stats(fl), "batches_in_other_seconds": stats(other),
            "rule": "a batch is in a flush second when any whole second (from phase start) its "
                    "[send, answer] interval touches overlaps a flush interval"}


# ----------------------------------------------------------------------------- peers
def start_vm(d, port):
    """run_peers.run_vm's command line (same flags), on a free port."""
    log = open(os.path.join(d, "vm.log"), "a")
    cmd = ["victoria-metrics", "-httpListenAddr=%s:%d" % (rp.HOST, port),
           "-storageDataPath=%s/data" % d, "-retentionPeriod=10y", "-search.disableCache",
           "-loggerLevel=INFO"]
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    return proc, log, cmd


class Server:
    def __init__(self, peer, args, tag):
        self.peer = peer
        self.dir = os.path.join(rp.ROOT, "mixed", tag)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        self.port = pwh.free_port()
        self.env = {}
        if peer == "histd":
            if args.head_memory:
                self.env["HISTD_HEAD_MEMORY_BYTES"] = str(args.head_memory)
            saved = {k: os.environ.get(k) for k in self.env}
            os.environ.update(self.env)
            try:
                self.proc, self.log, self.cmd = pwh.start_histd(
                    args, os.path.join(self.dir, "data"), os.path.join(self.dir, "histd.log"), self.port)
            finally:
                for k, v in saved.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v
            self.write_path = "/write?db=plant&precision=ns"
        else:
            self.proc, self.log, self.cmd = start_vm(self.dir, self.port)
            self.write_path = "/write"
        try:
            self.startup_s = rp.wait_http(self.port, "/health")
        except Exception:
            self.stop()
            raise RuntimeError("%s did not come up; see %s" % (peer, self.dir))

    def stop(self):
        res = {}
        if self.peer == "histd":
            code, secs, peak = pwh.sigterm_and_sample(self.proc)
            res = {"exit_code": code, "stop_s": secs, "vmhwm_bytes": peak}
        else:
            hwm = rp.proc_status(self.proc.pid, "VmHWM")
            t = time.time()
            res = {"exit_code": rp.stop_pid(self.proc), "stop_s": time.time() - t, "vmhwm_bytes": hwm}
        self.log.close()
        res["du_sb_after_stop"] = rp.du_sb(os.path.join(self.dir, "data"))
        return res

    def describe(self):
        return {"peer": self.peer, "cmd": " ".join(self.cmd), "env": self.env, "port": self.port,
                "pid": self.proc.pid, "dir": self.dir, "startup_s": self.startup_s}


def calibrate(args, wl):
    print("=== calibration: victoria-metrics alone, unpaced, %d writers x %d lines, %d s" % (
        args.writers, args.batch, args.calibrate_seconds), flush=True)
    srv = Server("victoria-metrics", args, "calibrate-victoria-metrics")
    res = srv.describe()
    try:
        ing = Ingest(wl, srv.port, srv.write_path, args.writers, None, args.calibrate_seconds)
        t0 = time.perf_counter()
        sampler = Sampler(srv.proc.pid, t0)
        st = threading.Thread(target=sampler.run, daemon=True)
        st.start()
        for t in ing.run(t0):
            t.join()
        sampler.stop.set()
        st.join()
        res["ingest"] = ing.summary(args.window_calibrate)
        res["resources"] = sampler.summary(0, args.calibrate_seconds)
        res["ingest"]["batches"] = ing.records
    finally:
        res.update(srv.stop())
    rate = res["ingest"]["values_per_s"]
    print("  %.0f values/s (%d batches, errors %d, %d-s windows min %.0f); target %.2f x => %.0f values/s" % (
        rate, res["ingest"]["batches_ok"], res["ingest"]["errors"], args.window_calibrate,
        res["ingest"]["min_window_values_per_s"] or -1, args.target_fraction, args.target_fraction * rate), flush=True)
    return res


def mixed(args, wl, peer, target):
    print("=== %s: %d writers at %.0f values/s + query loop, %d s" % (peer, args.writers, target, args.duration),
          flush=True)
    srv = Server(peer, args, peer)
    res = srv.describe()
    try:
        ing = Ingest(wl, srv.port, srv.write_path, args.writers, target, args.duration)
        ql = QueryLoop(peer, srv.port, ing, args, wl)
        t0 = time.perf_counter() + 0.2
        sampler = Sampler(srv.proc.pid, t0)
        aux = [threading.Thread(target=sampler.run, daemon=True)]
        hm = None
        if peer == "histd":
            hm = HistdMetrics(srv.port, t0)
            aux.append(threading.Thread(target=hm.run, daemon=True))
        for t in aux:
            t.start()
        writers = ing.run(t0)
        qt = threading.Thread(target=ql.run, daemon=True)
        qt.start()
        next_report = args.window
        while any(t.is_alive() for t in writers):
            time.sleep(0.5)
            now = time.perf_counter() - t0
            if now >= next_report:
                a, b = next_report - args.window, next_report
                vals = sum(r[3] for r in list(ing.records) if r[4] in (200, 204) and a <= r[1] + r[2] < b)
                rss = sampler.rss[-1][1] if sampler.rss else 0
                print("  t=%4.0f s  ingest %9.0f values/s (%.0f%%)  query rounds %d  VmRSS %.0f MiB  errors %d" % (
                    b, vals / args.window, 100.0 * vals / args.window / target, ql.rounds, rss / 2**20,
                    len(ing.errors)), flush=True)
                next_report += args.window
        ql.stop.set()
        qt.join()
        sampler.stop.set()
        if hm:
            hm.stop.set()
        for t in aux:
            t.join()
        res["ingest"] = ing.summary(args.window)
        w = res["ingest"]["window_values_per_s"]
        res["ingest"]["kept"] = bool(w) and min(w) >= args.window_tolerance * target and \
            res["ingest"]["values_per_s"] >= args.total_tolerance * target
        res["ingest"]["batches"] = ing.records
        res["queries"] = ql.summary()
        res["query_rounds"] = ql.rounds
        res["first_query_round_s"] = ql.first_round_t
        res["resources"] = sampler.summary(0, args.duration)
        if hm:
            res["histd_metrics_samples"] = hm.samples
            res["flush"] = flush_latency(ing.records, hm.flushes(), args.duration)
    finally:
        res.update(srv.stop())
    return res


# ----------------------------------------------------------------------------- report
def machine_info(args):
    def sh(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.strip()
        except Exception:  # noqa
            return None
    cpu = None
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) * 1024
    osr = None
    if os.path.exists("/etc/os-release"):
        for line in open("/etc/os-release"):
            if line.startswith("PRETTY_NAME="):
                osr = line.split("=", 1)[1].strip().strip('"')
    info = {"nproc": os.cpu_count(), "nproc_cmd": sh(["nproc"]), "cpu_model": cpu, "mem_total_bytes": mem,
            "os": osr, "kernel": platform.release(), "python": platform.python_version(),
            "numpy": np.__version__, "loadavg_at_start": open("/proc/loadavg").read().strip(),
            "victoria_metrics_package": sh(["dpkg-query", "-W", "-f", "${Version}", "victoria-metrics"])}
    if args.histd and os.path.exists(args.histd):
        h = hashlib.sha256()
        with open(args.histd, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        info["histd_binary"] = args.histd
        info["histd_sha256"] = h.hexdigest()
        info["histd_mtime"] = time.ctime(os.path.getmtime(args.histd))
    info["git_head_of_this_script"] = sh(["git", "-C", HERE, "rev-parse", "HEAD"])
    return info


def fmt_ms(v):
    return "-" if v is None else ("%.1f" % v if v >= 10 else "%.2f" % v)


def table(out):
    peers = list(out["peers"])
    have_ratio = "histd" in peers and "victoria-metrics" in peers
    head = "| metric | %s |%s" % (" | ".join(peers), " histd / VM |" if have_ratio else "")
    lines = [head, "|---|" + "---|" * (len(peers) + (1 if have_ratio else 0))]

    def row(label, fn, ratio_fn=None):
        cells = []
        for p in peers:
            try:
                cells.append(fn(out["peers"][p]))
            except (KeyError, TypeError, ValueError, ZeroDivisionError):
                cells.append("-")
        extra = ""
        if have_ratio:
            try:
                extra = " %.2f |" % ratio_fn(out["peers"]["histd"], out["peers"]["victoria-metrics"]) if ratio_fn else " |"
            except (KeyError, TypeError, ValueError, ZeroDivisionError):
                extra = " - |"
        lines.append("| %s | %s |%s" % (label, " | ".join(cells), extra))

    t = out["target_values_per_s"]
    for q in QUERIES:
        row("query %s p50 / p99 ms (n)" % SHORT[q], lambda r, q=q: "%s / %s (%d)" % (
            fmt_ms(r["queries"][q]["p50_ms"]), fmt_ms(r["queries"][q]["p99_ms"]), r["queries"][q]["n"]),
            lambda h, v, q=q: h["queries"][q]["p99_ms"] / v["queries"][q]["p99_ms"])
    for q in QUERIES:
        row("&nbsp;&nbsp;check %s complete / checked, errors" % SHORT[q], lambda r, q=q: "%d / %d, %d" % (
            r["queries"][q]["checks"]["complete"], r["queries"][q]["checks"]["checked"], r["queries"][q]["errors"]))
    row("ingest target (values/s)", lambda r: "{:,.0f}".format(t))
    row("achieved total (values/s, % of target)", lambda r: "{:,.0f} ({:.1f}%)".format(
        r["ingest"]["values_per_s"], 100 * r["ingest"]["values_per_s"] / t),
        lambda h, v: h["ingest"]["values_per_s"] / v["ingest"]["values_per_s"])
    row("min %d-s window (values/s, %% of target)" % out["args"]["window"], lambda r: "{:,.0f} ({:.1f}%)".format(
        r["ingest"]["min_window_values_per_s"], 100 * r["ingest"]["min_window_values_per_s"] / t))
    row("target kept", lambda r: "yes" if r["ingest"]["kept"] else "**NO**")
    row("max behind schedule (s)", lambda r: "%.2f" % r["ingest"]["max_behind_schedule_s"])
    row("write errors", lambda r: "%d" % r["ingest"]["errors"])
    row("batch latency p50 / p99 / max (ms)", lambda r: "%.0f / %.0f / %.0f" % (
        1000 * r["ingest"]["batch_latency_p50_s"], 1000 * r["ingest"]["batch_latency_p99_s"],
        1000 * r["ingest"]["batch_latency_max_s"]),
        lambda h, v: h["ingest"]["batch_latency_p99_s"] / v["ingest"]["batch_latency_p99_s"])
    def ms_n(st):
        return "%s (%d)" % ("-" if st["p99_s"] is None else "%.0f" % (1000 * st["p99_s"]), st["n"])
    row("histd: batch p99 in flush s / other s (ms, n)", lambda r: "%s / %s" % (
        ms_n(r["flush"]["batches_in_flush_seconds"]), ms_n(r["flush"]["batches_in_other_seconds"])))
    row("histd: flushes seen / seconds with a flush", lambda r: "%d / %d of %d" % (
        len(r["flush"]["flush_intervals_s"]), r["flush"]["n_flush_seconds"], r["flush"]["run_seconds"]))
    row("data time written (h)", lambda r: "%.1f" % (r["ingest"]["data_time_written_s"] / 3600))
    row("peak VmRSS, 1 s samples (MiB)", lambda r: "%.0f" % (r["resources"]["peak_vmrss_bytes"] / 2**20),
        lambda h, v: h["resources"]["peak_vmrss_bytes"] / v["resources"]["peak_vmrss_bytes"])
    row("VmHWM at stop (MiB)", lambda r: "%.0f" % (r["vmhwm_bytes"] / 2**20))
    row("CPU cores: server / client / others", lambda r: "%.2f / %.2f / %.2f" % (
        r["resources"]["server_cores"], r["resources"]["client_cores"], r["resources"]["other_cores"]))
    row("du -sb after stop (MB)", lambda r: "%.0f" % (r["du_sb_after_stop"] / 1e6))
    return "\n".join(lines)


def goal_lines(out):
    p = out["peers"]
    if "histd" not in p or "victoria-metrics" not in p:
        return []
    res = []
    for q in QUERIES:
        h, v = p["histd"]["queries"][q]["p99_ms"], p["victoria-metrics"]["queries"][q]["p99_ms"]
        if h is None or v is None:
            res.append("  %s: no data" % SHORT[q])
            continue
        res.append("  %-3s histd p99 %s ms <= 0.5 x VM p99 %s ms: %s%s" % (
            SHORT[q], fmt_ms(h), fmt_ms(v), "yes" if h <= 0.5 * v else "NO", " (exempt)" if q.startswith("b_") else ""))
    res.append("  ingest target kept for the whole run: histd %s, VM %s" % (
        "yes" if p["histd"]["ingest"]["kept"] else "NO", "yes" if p["victoria-metrics"]["ingest"]["kept"] else "NO"))
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--peers-dir", default=os.environ.get("PEERS_DIR", "/work/shared/bench/peers"),
                    help="folder of run_peers.py (default $PEERS_DIR or /work/shared/bench/peers)")
    ap.add_argument("--bench-dir", default=None, help="folder of gen_workload.py (default: parent of --peers-dir)")
    ap.add_argument("--histd", default=".build/release/histd", help="the histd binary (release build)")
    ap.add_argument("--peers", default="victoria-metrics,histd")
    ap.add_argument("--lp", help="plant line protocol (default $PEERBENCH_ROOT/work/plant_2h.lp, generated if missing)")
    ap.add_argument("--seed", type=int, default=42, help="gen_workload.py seed when the file is generated")
    ap.add_argument("--fields-per-line", type=int, default=10)
    ap.add_argument("--duration", type=int, default=300, help="s of mixed load per peer")
    ap.add_argument("--calibrate-seconds", type=int, default=60)
    ap.add_argument("--target", type=float, help="values/s; skips the calibration")
    ap.add_argument("--target-fraction", type=float, default=0.8)
    ap.add_argument("--writers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=5000, help="lines per write")
    ap.add_argument("--query-window", type=int, default=7200, help="s of data time each query covers (x60)")
    ap.add_argument("--query-lag", type=float, default=2.0, help="s of wall time the window trails the writes")
    ap.add_argument("--query-interval", type=float, default=0.0, help="s to pause between query rounds")
    ap.add_argument("--check-every", type=int, default=10, help="count the answers every Nth round")
    ap.add_argument("--window", type=int, default=10, help="s per ingest-rate window")
    ap.add_argument("--window-calibrate", type=int, default=5)
    ap.add_argument("--window-tolerance", type=float, default=0.95)
    ap.add_argument("--total-tolerance", type=float, default=0.98)
    ap.add_argument("--head-memory", type=parse_bytes,
                    help="histd head_memory_bytes (passed as HISTD_HEAD_MEMORY_BYTES), e.g. 64MiB")
    ap.add_argument("--json", required=True)
    args = ap.parse_args()
    import_kits(args.peers_dir)
    args.bench_dir = args.bench_dir or os.path.dirname(os.path.abspath(args.peers_dir))
    args.histd = os.path.abspath(args.histd)
    peers = args.peers.split(",")
    if any(p not in ("histd", "victoria-metrics") for p in peers):
        sys.exit("--peers: histd and/or victoria-metrics")
    if args.query_window % 60 or args.query_window <= 0:
        sys.exit("--query-window must be a positive multiple of 60")
    if "histd" in peers and not os.access(args.histd, os.X_OK):
        sys.exit("no histd binary at %s" % args.histd)
    if (args.target is None or "victoria-metrics" in peers) and not shutil.which("victoria-metrics"):
        sys.exit("victoria-metrics not on PATH: apt-get install victoria-metrics")

    command = " ".join(shlex.quote(a) for a in [sys.executable, os.path.abspath(__file__)] + sys.argv[1:])
    info = machine_info(args)
    print("command: (cd %s && %s)" % (shlex.quote(os.getcwd()), command))
    print("histd binary: %s (sha256 %s, %s)%s" % (info.get("histd_binary"), (info.get("histd_sha256") or "")[:16],
                                                 info.get("histd_mtime"),
                                                 "  HISTD_HEAD_MEMORY_BYTES=%d" % args.head_memory if args.head_memory else ""))
    print("machine: nproc %s, %s, %.1f GiB RAM, %s, kernel %s, loadavg %s" % (
        info["nproc"], info["cpu_model"], info["mem_total_bytes"] / 2**30, info["os"], info["kernel"],
        info["loadavg_at_start"]))
    print("victoria-metrics %s, python %s, numpy %s, data under %s" % (
        info["victoria_metrics_package"], info["python"], info["numpy"], os.path.join(rp.ROOT, "mixed")), flush=True)

    lp = ensure_lp(args)
    t = time.time()
    wl = Workload(lp, args.batch, args.fields_per_line)
    print("workload: %s, %d lines, %d batches/pass of %d lines, span %d s of data time per pass "
          "(looped, timestamps shifted by the span each pass), %d series per step (loaded in %.1f s)" % (
              lp, wl.n_lines, wl.n, args.batch, wl.span // 10**9, wl.series_per_step, time.time() - t), flush=True)

    out = {"command": command, "cwd": os.getcwd(), "machine": info, "args": vars(args), "started": time.ctime(),
           "workload": {"lp": lp, "lp_bytes": os.path.getsize(lp), "lines": wl.n_lines, "batches_per_pass": wl.n,
                        "span_s": wl.span / 1e9, "step_s": wl.step / 1e9, "series_per_step": wl.series_per_step,
                        "looping": "pass k = the file with every timestamp + k x span"},
           "peers": {}}

    def save():
        with open(args.json, "w") as f:
            json.dump(out, f)

    if args.target is None:
        out["calibration"] = calibrate(args, wl)
        out["target_values_per_s"] = args.target_fraction * out["calibration"]["ingest"]["values_per_s"]
    else:
        out["target_values_per_s"] = args.target
    save()
    for peer in peers:
        out["peers"][peer] = mixed(args, wl, peer, out["target_values_per_s"])
        r = out["peers"][peer]
        ing = r["ingest"]
        print("  %s: %.0f values/s (%.1f%% of target), min window %.0f, kept %s, errors %d, peak VmRSS %.0f MiB" % (
            peer, ing["values_per_s"], 100 * ing["values_per_s"] / out["target_values_per_s"],
            ing["min_window_values_per_s"] or -1, ing["kept"], ing["errors"],
            (r["resources"]["peak_vmrss_bytes"] or 0) / 2**20), flush=True)
        for q in QUERIES:
            s = r["queries"][q]
            print("    %-34s p50 %8s ms  p99 %8s ms  n=%d errors=%d complete %d/%d" % (
                q, fmt_ms(s["p50_ms"]), fmt_ms(s["p99_ms"]), s["n"], s["errors"], s["checks"]["complete"],
                s["checks"]["checked"]), flush=True)
        save()
    out["finished"] = time.ctime()
    out["loadavg_at_end"] = open("/proc/loadavg").read().strip()
    save()
    print()
    if "calibration" in out:
        how = "%.2f x VictoriaMetrics alone ({:,.0f} values/s over {} s)".format(
            out["calibration"]["ingest"]["values_per_s"], args.calibrate_seconds) % args.target_fraction
    else:
        how = "given with --target"
    print("target %.0f values/s = %s; %d writers x %d lines; %d s per peer; query window %d s of data time, "
          "lag %.0f s" % (out["target_values_per_s"], how, args.writers, args.batch, args.duration,
                          args.query_window, args.query_lag))
    print(table(out))
    for line in goal_lines(out):
        print(line)
    print("json: %s" % os.path.abspath(args.json))


if __name__ == "__main__":
    main()
