#!/usr/bin/env python3
"""InfluxQL answers of histd against InfluxDB 1.6 (Debian's influxdb package) on the same data.

Writes the same line protocol to a fresh InfluxDB and a fresh histd, runs the same InfluxQL (SHOW
statements, aggregates per GROUP BY time() and tags with every fill, raw rows, SELECT *) with and
without epoch=s, and prints each answer that differs (floats compared to 1e-9 relative: sums of
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
body = ('\n'.join(lines) + '\n').encode()
req(INFLUX, 'POST', '/query?q=' + urllib.parse.quote('CREATE DATABASE plant'))
for port in (INFLUX, HISTD):
    status = req(port, 'POST', '/write?db=plant&precision=s', body)[0]
    if status != 204: sys.exit('write to port %d answered %d' % (port, status))
R = "time >= '2024-01-01T00:00:00Z' AND time < '2024-01-01T00:20:00Z'"
U = "time >= '2024-01-01T00:00:40Z' AND time <= '2024-01-01T00:25:00Z'"
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
]
def canon(d):
    j = json.loads(d)
    for res in j.get('results', []):
        for s in res.get('series', []):
            s.pop('partial', None)
    return j
bad = 0
for q in queries:
    for epoch in ('s', None):
        path = '/query?db=plant&q=' + urllib.parse.quote(q) + ('&epoch=' + epoch if epoch else '')
        a = canon(req(INFLUX, 'GET', path)[1]); b = canon(req(HISTD, 'GET', path)[1])
        def close(x, y):
            if isinstance(x, float) or isinstance(y, float):
                return isinstance(x, (int, float)) and isinstance(y, (int, float)) and (x == y or abs(x - y) <= 1e-9 * max(abs(x), abs(y)))
            if isinstance(x, list) and isinstance(y, list): return len(x) == len(y) and all(close(p, r) for p, r in zip(x, y))
            if isinstance(x, dict) and isinstance(y, dict): return x.keys() == y.keys() and all(close(x[k], y[k]) for k in x)
            return x == y
        if not close(a, b):
            bad += 1
            print('DIFF', epoch, q); print('  influx', json.dumps(a)[:600]); print('  histd ', json.dumps(b)[:600])
for p in (influx, histd): p.terminate(); p.wait()
print('influxql: %d passed, %d failed' % (len(queries) * 2 - bad, bad))
sys.exit(1 if bad else 0)
