#!/usr/bin/env python3
"""InfluxQL answers of histd against InfluxDB 1.6 (Debian's influxdb package) on the same data.

Writes the same line protocol to a fresh InfluxDB and a fresh histd, runs the same InfluxQL (SHOW
statements, aggregates per GROUP BY time() and tags with every fill, raw rows, SELECT *, conditions on
field values, arithmetic, functions of samples, LIMIT/OFFSET/SLIMIT/SOFFSET, then DELETE and DROP
SERIES and what is left after them) with and without epoch=s, and prints each answer that differs (floats compared to 1e-9 relative: sums of
merged series are added in another order). Needs `influxd` on the PATH (apt-get install influxdb).
Ends with `influxql: N passed, M failed` and exits 1 when any answer differs. Part of scripts/checks.

Usage: python3 Tests/Compatibility/influxql_against_influxdb.py .build/debug/histd
"""
import http.client, json, os, socket, subprocess, sys, tempfile, time, urllib.parse

INFLUX_CONF = """reporting-disabled = true
bind-address = "127.0.0.1:{rpc}"
[meta]
  dir = "{d}/meta"
[data]
  dir = "{d}/data"
  wal-dir = "{d}/wal"
  index-version = "inmem"
  query-log-enabled = false
[monitor]
  store-enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:{port}"
  log-enabled = false
[continuous_queries]
  enabled = false
"""


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


INFLUX, HISTD, RPC = free_port(), free_port(), free_port()
root = tempfile.mkdtemp(prefix='influxql-diff-')
conf = os.path.join(root, 'influxdb.conf')
open(conf, 'w').write(INFLUX_CONF.format(d=root, port=INFLUX, rpc=RPC))
influx = subprocess.Popen(['influxd', 'run', '-config', conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
# The data holds a 2030 sample (InfluxDB takes any time): histd's plausible window is off.
histd = subprocess.Popen([sys.argv[1], 'serve', '--data', root + '/histd', '--http', '127.0.0.1:%d' % HISTD, '--log-level', 'error'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, HISTD_WRITE_CHECK_TIMES='false'))
def req(port, method, path, body=None):
    c = http.client.HTTPConnection('127.0.0.1', port, timeout=30); c.request(method, path, body=body); r = c.getresponse(); d = r.read(); c.close(); return r.status, d
for port in (INFLUX, HISTD):
    for _ in range(150):
        try:
            if req(port, 'GET', '/ping')[0] in (200, 204): break
        except Exception: pass
        time.sleep(0.2)
lines = []
for s in range(0, 1200, 3):
    lines.append('m,machine=a,line=L1 v=%s,n=%di %d' % (repr(s * 0.37 + 1.0 / 3), s, 1704067200 + s))
    if s % 9: lines.append('m,machine=b,line=L2 v=%s %d' % (repr(1000 - s * 1.5), 1704067200 + s))
lines.append('m,machine=a,line=L1 v=12.5 1893456000')  # 2030: after now, counted only without GROUP BY time()
# A string field beside numbers, for conditions on text.
lines += ['s,machine=%s state="%s",temp=%d %d' % ('ab'[k % 2], ('on', 'off', 'idle')[k % 3], 20 + k, 1704067200 + 60 * k) for k in range(12)]
# Every 15 minutes for five days across each daylight-saving change of 2024 in Europe, for tz().
for start in (1711670400, 1729814400):
    lines += ['d,site=x v=%d %d' % (q, start + q * 900) for q in range(480)]
body = ('\n'.join(lines) + '\n').encode()
req(INFLUX, 'POST', '/query?q=' + urllib.parse.quote('CREATE DATABASE plant'))
for port in (INFLUX, HISTD):
    status = req(port, 'POST', '/write?db=plant&precision=s', body)[0]
    if status != 204: sys.exit('write to port %d answered %d' % (port, status))
R = "time >= '2024-01-01T00:00:00Z' AND time < '2024-01-01T00:20:00Z'"
U = "time >= '2024-01-01T00:00:40Z' AND time <= '2024-01-01T00:25:00Z'"
S = "time >= '2024-01-01T00:00:00Z' AND time < '2024-01-01T00:00:20Z'"
queries = [
    'SHOW MEASUREMENTS', 'SHOW TAG KEYS FROM m', 'SHOW TAG VALUES FROM m WITH KEY = "machine"', 'SHOW FIELD KEYS FROM m',
    'SHOW TAG VALUES FROM m WITH KEY =~ /a|l/ WHERE "machine" = \'b\'',
    'SELECT mean(v), count(v), sum(v), min(v), max(v) FROM m WHERE %s GROUP BY time(1m), machine' % R,
    'SELECT mean(v), count(v) FROM m WHERE %s GROUP BY time(1m)' % U,
    'SELECT mean(v), count(v) FROM m WHERE %s GROUP BY time(1m) fill(none)' % U,
    'SELECT mean(v) FROM m WHERE %s GROUP BY time(1m) fill(previous)' % U,
    'SELECT mean(v) FROM m WHERE %s GROUP BY time(1m) fill(7)' % U,
    'SELECT first(v), last(v) FROM m WHERE machine = \'a\' AND %s GROUP BY time(7m)' % U,
    'SELECT stddev(v) FROM m WHERE %s GROUP BY time(5m), *' % R,
    'SELECT v, n FROM m WHERE machine = \'a\' AND %s LIMIT 5' % R,
    'SELECT v FROM m WHERE %s ORDER BY time DESC LIMIT 4' % R,
    'SELECT * FROM m WHERE machine =~ /b/ AND %s GROUP BY * LIMIT 3' % R,
    'SELECT * FROM m WHERE machine = \'a\' AND %s LIMIT 3' % R,
    'SELECT * FROM m WHERE %s GROUP BY line LIMIT 4' % R,
    'SELECT v, machine FROM m WHERE %s LIMIT 5' % R,
    'SELECT mean(v) FROM m WHERE line != \'L1\' AND %s' % R,
    'SELECT count(v) FROM m WHERE %s GROUP BY line' % R,
    'SELECT mean(v) AS avg FROM m WHERE %s GROUP BY time(1h)' % R,
    'SELECT count(v), max(v) FROM m',
    'SELECT last(v), first(v) FROM m WHERE machine = \'a\'',
    'SELECT mean(v) FROM m WHERE time > now() - 3650d GROUP BY time(3650d)',
    'SELECT first(v), last(v), count(v) FROM m WHERE %s GROUP BY time(2m)' % U,
    'SELECT last(v) FROM m',
    'SELECT first(v) FROM m WHERE %s' % R,
    'SELECT max(v) FROM m WHERE %s GROUP BY machine' % R,
    'SELECT min(v) FROM m',
    'SELECT max(n) FROM m WHERE %s' % U,
    'SELECT mean("v"::field) FROM "m" WHERE "machine"::tag = \'a\' AND %s GROUP BY time(5m), "line"::tag fill(null)' % R,
    'SELECT derivative(mean(v), 1s) FROM m WHERE %s GROUP BY time(1m)' % U,
    'SELECT non_negative_derivative(max(v)) FROM m WHERE %s GROUP BY time(1m), machine' % U,
    'SELECT difference(last(v)), mean(v) FROM m WHERE machine = \'a\' AND %s GROUP BY time(1m) fill(0)' % U,
    'SELECT non_negative_difference(first(n)) FROM m WHERE %s GROUP BY time(2m) fill(previous)' % U,
    'SELECT derivative(mean(v)) FROM m WHERE machine = \'b\' AND %s GROUP BY time(1m) ORDER BY time DESC LIMIT 3' % U,
    'SELECT difference(count(v)), count(v) FROM m WHERE %s GROUP BY time(3m) fill(none)' % U,
    'SELECT mean(v) FROM m WHERE (machine = \'a\' OR line = \'L2\') AND %s GROUP BY time(5m), machine' % R,
    'SELECT count(v) FROM m WHERE (machine = \'b\' AND line = \'L1\' OR machine = \'a\') AND %s' % R,
    'SHOW TAG VALUES FROM m WITH KEY = "line" WHERE machine = \'a\' OR machine = \'b\'',
    'SELECT spread(v), median(v), percentile(v, 90), percentile(n, 5) FROM m WHERE %s GROUP BY time(4m), machine' % U,
    'SELECT median(v) FROM m WHERE %s GROUP BY time(7m) fill(none)' % U,
    'SELECT percentile(v, 50) FROM m WHERE machine = \'a\' AND %s' % R,
    'SELECT percentile(v, 99.9), spread(v) FROM m WHERE %s' % R,
    'SELECT non_negative_derivative(percentile(v, 75), 1m) FROM m WHERE %s GROUP BY time(2m)' % U,
    # a and b both have samples at 00:00:03 and 00:19:54: ties between series
    "SELECT first(v) FROM m WHERE time >= '2024-01-01T00:00:03Z' AND time <= '2024-01-01T00:19:54Z'",
    "SELECT last(v) FROM m WHERE time >= '2024-01-01T00:00:03Z' AND time <= '2024-01-01T00:19:54Z'",
    "SELECT first(v), last(v) FROM m WHERE time >= '2024-01-01T00:00:03Z' AND time <= '2024-01-01T00:19:54Z' GROUP BY time(3m)",
    # conditions on field values, also joined to tags by OR
    'SELECT v FROM m WHERE v > 440 AND %s' % R,
    'SELECT v, n FROM m WHERE n < 30 AND %s' % R,
    'SELECT v FROM m WHERE n = 1194',
    'SELECT v FROM m WHERE v = 12.5',
    'SELECT * FROM m WHERE v < 5 AND %s' % R,
    "SELECT v FROM m WHERE (v > 990 OR machine = 'a' AND n > 7) AND time < '2024-01-01T00:00:15Z'",
    'SELECT v FROM m WHERE v > 5 AND v < 8 OR v > 999',
    'SELECT mean(v) FROM m WHERE v > 440 AND %s GROUP BY time(5m)' % R,
    'SELECT count(v), max(v) FROM m WHERE v >= 100 AND v <= 200 AND %s GROUP BY machine' % R,
    'SELECT max(v) FROM m WHERE v < 300 AND %s' % R,
    'SELECT first(v), last(v) FROM m WHERE n > 600 AND %s GROUP BY time(5m)' % R,
    "SELECT mean(v) FROM m WHERE machine = 'b' AND v != 991 AND %s GROUP BY time(10m) fill(none)" % R,
    'SELECT sum(n) FROM m WHERE n > 100 AND n < 200',
    'SELECT percentile(v, 90), median(v) FROM m WHERE v > 0 AND %s GROUP BY time(4m), machine' % R,
    'SELECT stddev(v), spread(v) FROM m WHERE v < 500 AND %s' % R,
    'SELECT derivative(mean(v), 1s) FROM m WHERE v > 100 AND %s GROUP BY time(1m)' % U,
    "SELECT count(v) FROM m WHERE (machine = 'b' AND v < 500 OR n > 1100) AND %s GROUP BY time(5m)" % R,
    # arithmetic
    'SELECT v * 2, n FROM m WHERE n > 1190',
    "SELECT v + n FROM m WHERE machine = 'a' AND %s LIMIT 5" % R,
    "SELECT \"v\" / \"n\" FROM m WHERE machine = 'a' AND %s LIMIT 4" % R,
    'SELECT mean(v) * 1.8 + 32 FROM m WHERE %s GROUP BY time(5m)' % R,
    'SELECT (max(v) - min(v)) / 2 AS half FROM m WHERE %s GROUP BY time(5m), machine' % R,
    'SELECT count(v) * 2, sum(n) - 1 FROM m WHERE %s' % R,
    "SELECT -1 * v FROM m WHERE machine = 'b' AND %s LIMIT 3" % R,
    "SELECT mean(v) + mean(n) FROM m WHERE machine = 'a' AND %s GROUP BY time(10m)" % R,
    "SELECT v - 2 * n FROM m WHERE machine = 'a' AND %s ORDER BY time DESC LIMIT 3" % R,
    'SELECT mean(v) * 2 FROM m WHERE %s GROUP BY time(2m) fill(3)' % U,
    # GROUP BY time() with an offset
    'SELECT mean(v) FROM m WHERE %s GROUP BY time(5m, 2m), machine' % R,
    'SELECT count(v) FROM m WHERE %s GROUP BY time(7m, 1m)' % U,
    'SELECT sum(v) FROM m WHERE %s GROUP BY time(10m, -3m) fill(0)' % R,
    'SELECT derivative(mean(v)) FROM m WHERE %s GROUP BY time(2m, 30s)' % U,
    # fill(linear)
    "SELECT mean(v) FROM m WHERE time >= '2024-01-01T00:00:00Z' AND time < '2024-01-01T00:02:00Z' AND (v < 2 OR v > 40) GROUP BY time(10s) fill(linear)",
    "SELECT mean(v) FROM m WHERE machine = 'b' AND (v > 900 OR v < 100) AND %s GROUP BY time(1m) fill(linear)" % R,
    "SELECT max(v), min(v) FROM m WHERE (v < 50 OR v > 400) AND machine = 'a' AND %s GROUP BY time(2m) fill(linear)" % R,
    # LIMIT, OFFSET, SLIMIT, SOFFSET
    "SELECT v FROM m WHERE machine = 'a' AND %s LIMIT 2 OFFSET 3" % R,
    'SELECT v FROM m WHERE %s ORDER BY time DESC LIMIT 3 OFFSET 2' % R,
    'SELECT mean(v) FROM m WHERE %s GROUP BY time(5m), machine SLIMIT 1' % R,
    'SELECT mean(v) FROM m WHERE %s GROUP BY time(5m), machine SLIMIT 1 SOFFSET 1' % R,
    'SELECT mean(v) FROM m WHERE %s GROUP BY time(2m) LIMIT 3 OFFSET 2' % R,
    'SELECT * FROM m WHERE %s GROUP BY * LIMIT 2 OFFSET 1 SLIMIT 1 SOFFSET 1' % R,
    'SELECT mean(v) FROM m WHERE %s GROUP BY machine SLIMIT 1 SOFFSET 1' % R,
    "SELECT integral(v, 1m) FROM m WHERE machine = 'a' AND (v < 50 OR v > 400) AND %s GROUP BY time(2m) fill(0)" % R,
    # SHOW
    'SHOW SERIES', "SHOW SERIES FROM m WHERE machine = 'b'", 'SHOW SERIES LIMIT 1 OFFSET 1', 'SHOW SERIES ON plant FROM m WHERE line =~ /1/',
    'SHOW MEASUREMENTS ON plant', 'SHOW MEASUREMENTS ON plant LIMIT 1 OFFSET 1', 'SHOW TAG VALUES CARDINALITY FROM m WITH KEY = "machine"',
    'SHOW TAG VALUES CARDINALITY WITH KEY =~ /.*/', 'SHOW TAG VALUES EXACT CARDINALITY WITH KEY IN ("machine", "line") WHERE machine = \'a\'',
    'SHOW TAG KEYS ON plant FROM m', 'SHOW FIELD KEYS ON plant', 'SHOW TAG VALUES WITH KEY =~ /.*/ LIMIT 1 OFFSET 1',
    'SHOW TAG KEYS LIMIT 1 OFFSET 1', 'SHOW FIELD KEYS LIMIT 1', "SHOW MEASUREMENTS WHERE machine = 'b'",
    "SHOW MEASUREMENTS WITH MEASUREMENT =~ /m/ WHERE machine =~ /a/ LIMIT 1", "SHOW TAG KEYS FROM m WHERE line = 'L2'",
    "SHOW TAG KEYS WHERE site = 'x'",
    # several measurements: FROM a, b and FROM /re/
    "SELECT count(v) FROM m, d WHERE time >= '2024-01-01T00:00:00Z' AND time < '2024-10-30T00:00:00Z'",
    "SELECT last(temp), last(v) FROM /^[sd]$/ GROUP BY *",
    "SELECT * FROM /s|d/ WHERE time >= '2024-01-01T00:09:00Z' AND time < '2024-03-29T00:30:00Z'",
    "SELECT mean(v) FROM /m/, s WHERE time >= '2024-01-01T00:00:00Z' AND time < '2024-01-01T00:10:00Z' GROUP BY time(5m)", "SELECT DISTINCT n FROM m WHERE time < '2024-01-01T00:00:10Z'",
    # functions of samples
    'SELECT distinct(n) FROM m WHERE %s' % S,
    "SELECT distinct(v) FROM m WHERE machine = 'b' AND %s GROUP BY time(20s)" % S,
    'SELECT count(distinct(n)) FROM m WHERE %s GROUP BY time(10m)' % R,
    'SELECT count(distinct(v)) FROM m WHERE %s GROUP BY machine' % R,
    'SELECT mode(n) FROM m WHERE %s' % S,
    'SELECT mode(v) FROM m WHERE %s GROUP BY time(5m), machine' % R,
    'SELECT top(v, 2) FROM m WHERE %s' % R,
    'SELECT top(v, machine, 2) FROM m WHERE %s' % R,
    'SELECT bottom(v, 3) FROM m WHERE %s GROUP BY time(10m)' % R,
    'SELECT bottom(n, 2) FROM m WHERE %s GROUP BY machine' % R,
    'SELECT top(v, line, 1) FROM m WHERE %s GROUP BY time(10m)' % R,
    'SELECT top(v, 2), machine FROM m WHERE %s' % R,
    'SELECT bottom(v, 2), machine, n FROM m WHERE %s GROUP BY time(10m)' % R,
    'SELECT top(v, machine, 2), line FROM m WHERE %s' % R,
    "SELECT integral(v) FROM m WHERE machine = 'a' AND %s" % S,
    "SELECT integral(v, 1m) FROM m WHERE machine = 'a' AND %s GROUP BY time(5m)" % R,
    "SELECT integral(v, 1m) FROM m WHERE machine = 'b' AND %s GROUP BY time(4m)" % U,
    "SELECT moving_average(v, 2) FROM m WHERE machine = 'a' AND %s" % S,
    'SELECT moving_average(mean(v), 3) FROM m WHERE %s GROUP BY time(2m)' % U,
    "SELECT cumulative_sum(v) FROM m WHERE machine = 'b' AND %s" % S,
    'SELECT cumulative_sum(n) FROM m WHERE %s' % S,
    'SELECT cumulative_sum(count(v)) FROM m WHERE %s GROUP BY time(5m)' % R,
    "SELECT elapsed(v, 1s) FROM m WHERE machine = 'b' AND %s" % S,
    "SELECT elapsed(n) FROM m WHERE time < '2024-01-01T00:00:10Z'",
    'SELECT elapsed(mean(v), 1m) FROM m WHERE %s GROUP BY time(3m) fill(none)' % U,
    "SELECT derivative(v, 1s) FROM m WHERE machine = 'a' AND %s" % S,
    'SELECT difference(n) FROM m WHERE %s' % S,
    "SELECT non_negative_derivative(v) FROM m WHERE machine = 'b' AND %s" % S,
    # time bounds inside OR are intersected, as InfluxDB 1.6 does
    "SELECT mean(v) FROM m WHERE (time < '2024-01-01T00:01:00Z' OR time > '2024-01-01T00:19:00Z')",
    "SELECT mean(v) FROM m WHERE machine = 'a' OR time > '2024-01-01T00:19:00Z'",
    "SELECT count(v) FROM m WHERE (machine = 'b' OR time >= '2024-01-01T00:10:00Z') AND time < '2024-01-01T00:12:00Z'",
    # conditions on string fields, written like tag conditions
    "SELECT temp, state FROM s WHERE state = 'on'",
    "SELECT count(temp) FROM s WHERE state =~ /o/ AND machine = 'a'",
    "SELECT temp FROM s WHERE state != 'off' AND temp > 25 OR machine = 'b' AND state = 'idle'",
    "SELECT mean(temp) FROM s WHERE state !~ /^of/ AND time >= '2024-01-01T00:00:00Z' AND time < '2024-01-01T00:12:00Z' GROUP BY time(4m), machine",
    # mode() of tied values: InfluxDB 1.6 picks by the order Go's unstable sort leaves them in
    'SELECT mode(state), mode(temp) FROM s GROUP BY machine',
    "SELECT mode(state) FROM s WHERE machine = 'a' AND time >= '2024-01-01T00:00:00Z' AND time < '2024-01-01T00:12:00Z' GROUP BY time(4m)",
    # tz(): local intervals across daylight-saving changes, times written with the zone's offset
    "SELECT count(v), first(v) FROM d WHERE time >= '2024-03-29T00:00:00Z' AND time < '2024-04-02T00:00:00Z' GROUP BY time(1d) tz('Europe/Berlin')",
    "SELECT count(v) FROM d WHERE time >= '2024-03-30T22:00:00Z' AND time < '2024-03-31T03:00:00Z' GROUP BY time(1h) tz('Europe/Berlin')",
    "SELECT count(v) FROM d WHERE time >= '2024-10-26T22:00:00Z' AND time < '2024-10-27T03:00:00Z' GROUP BY time(1h) tz('Europe/Berlin')",
    "SELECT count(v), max(v) FROM d WHERE time >= '2024-10-25T00:00:00Z' AND time < '2024-10-30T00:00:00Z' GROUP BY time(1d) tz('Europe/Berlin')",
    "SELECT v FROM d WHERE time >= '2024-10-25T00:00:00Z' LIMIT 2 tz('America/New_York')",
    "SELECT count(v) FROM d WHERE time >= '2024-10-25T00:00:00Z' AND time < '2024-10-30T00:00:00Z' GROUP BY time(12h) tz('UTC')",
    "SELECT count(v) FROM d WHERE time >= '2024-10-25T00:00:00Z' AND time < '2024-10-30T00:00:00Z' tz('Europe/Berlin')",
    "SELECT mean(v) FROM d WHERE time >= '2024-03-29T00:00:00Z' AND time < '2024-04-02T00:00:00Z' GROUP BY time(1d, 6h) fill(none) tz('Europe/London')",
    "SELECT sum(v) FROM d WHERE time >= '2024-03-28T00:00:00Z' AND time < '2024-04-03T00:00:00Z' GROUP BY time(2d) fill(0) tz('Asia/Kolkata')",
    "SELECT derivative(mean(v), 1h) FROM d WHERE time >= '2024-10-26T00:00:00Z' AND time < '2024-10-29T00:00:00Z' GROUP BY time(1d) tz('Europe/Berlin')",
    "SELECT integral(v, 1h) FROM d WHERE time >= '2024-03-30T00:00:00Z' AND time < '2024-04-01T00:00:00Z' GROUP BY time(1d) tz('Europe/Berlin')",
    "SELECT max(v) FROM d WHERE v < 100 AND time >= '2024-03-29T00:00:00Z' tz('Europe/Berlin')",
]
# Statements that delete, each followed by the queries that see what is left.
deletions = [
    ("DELETE FROM m WHERE machine = 'b' AND time >= '2024-01-01T00:05:00Z' AND time < '2024-01-01T00:10:00Z'", [
        'SELECT count(v) FROM m WHERE %s GROUP BY time(5m), machine' % R,
        "SELECT v FROM m WHERE machine = 'b' AND time >= '2024-01-01T00:04:50Z' AND time < '2024-01-01T00:10:10Z'",
    ]),
    ("DROP SERIES FROM m WHERE machine = 'b'", [
        'SELECT count(v) FROM m GROUP BY machine',
        'SELECT mean(v) FROM m WHERE %s GROUP BY time(10m)' % R,
    ]),
    ("DELETE WHERE time < '2024-01-01T00:01:00Z'", ['SELECT first(v) FROM m', 'SELECT count(v) FROM m']),
]
def canon(d):
    j = json.loads(d)
    for res in j.get('results', []):
        for s in res.get('series', []):
            s.pop('partial', None)
    return j
def close(x, y):
    if isinstance(x, float) or isinstance(y, float):
        return isinstance(x, (int, float)) and isinstance(y, (int, float)) and (x == y or abs(x - y) <= 1e-9 * max(abs(x), abs(y)))
    if isinstance(x, list) and isinstance(y, list): return len(x) == len(y) and all(close(p, r) for p, r in zip(x, y))
    if isinstance(x, dict) and isinstance(y, dict): return x.keys() == y.keys() and all(close(x[k], y[k]) for k in x)
    return x == y
bad = total = 0
def compare(q):
    global bad, total
    for epoch in ('s', None):
        path = '/query?db=plant&q=' + urllib.parse.quote(q) + ('&epoch=' + epoch if epoch else '')
        a = canon(req(INFLUX, 'GET', path)[1]); b = canon(req(HISTD, 'GET', path)[1])
        total += 1
        if not close(a, b):
            bad += 1
            print('DIFF', epoch, q); print('  influx', json.dumps(a)[:600]); print('  histd ', json.dumps(b)[:600])
for q in queries: compare(q)
for statement, after in deletions:
    for port in (INFLUX, HISTD):
        status, answer = req(port, 'POST', '/query?db=plant&q=' + urllib.parse.quote(statement))
        if status != 200 or b'error' in answer: sys.exit('%s on port %d answered %d %s' % (statement, port, status, answer[:300]))
    for q in after: compare(q)
for p in (influx, histd): p.terminate(); p.wait()
print('influxql: %d passed, %d failed' % (total - bad, bad))
sys.exit(1 if bad else 0)
