#!/usr/bin/env python3
"""Latency of InfluxQL's newer functions and clauses (issue 19): the same statements against a fresh
InfluxDB 1.6 and a fresh histd on the same data, sent alternately request by request; checks that both
answer the same (floats to 1e-9 relative; a statement whose answers differ is reported and not timed)
and prints the median milliseconds of each and their ratio as a Markdown table.

Data: 4 machines x 1 sample per second for 6 hours (86,400 values of v and of n per 4 series pairs,
345,600 float and 345,600 integer values), plus a string field every minute. Needs `influxd` on the PATH.

Usage: python3 Benchmarks/scripts/influxql_functions_latency.py .build/release/histd [--rounds 30]
"""
import argparse, http.client, json, os, socket, statistics, subprocess, sys, tempfile, time, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from influxql_side_by_side import close  # noqa: E402  (floats to 1e-9 relative, lists and objects member by member)

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
START = 1704067200
HOURS = 6
R = "time >= '2024-01-01T00:00:00Z' AND time < '2024-01-01T06:00:00Z'"
QUERIES = [
    ('field condition, raw', "SELECT v FROM m WHERE machine = 'M1' AND v > 99.5 AND %s" % R),
    ('field condition, mean per 10m', 'SELECT mean(v) FROM m WHERE v > 50 AND %s GROUP BY time(10m), machine' % R),
    ('arithmetic on an aggregate', 'SELECT mean(v) * 1.8 + 32 FROM m WHERE %s GROUP BY time(1m)' % R),
    ('arithmetic on fields', "SELECT v / n FROM m WHERE machine = 'M2' AND %s" % R),
    ('GROUP BY time(1h, 15m) fill(linear)', 'SELECT max(v) FROM m WHERE %s GROUP BY time(1h, 15m) fill(linear)' % R),
    ('mode', "SELECT mode(n) FROM m WHERE %s GROUP BY time(30m), machine" % R),
    ('count(distinct())', 'SELECT count(distinct(n)) FROM m WHERE %s GROUP BY time(1h)' % R),
    ('distinct', "SELECT distinct(n) FROM m WHERE machine = 'M3' AND time >= '2024-01-01T00:00:00Z' AND time < '2024-01-01T00:10:00Z'"),
    ('top with a tag', 'SELECT top(v, machine, 3) FROM m WHERE %s' % R),
    ('bottom per 1h', "SELECT bottom(v, 2) FROM m WHERE machine = 'M1' AND %s GROUP BY time(1h)" % R),
    ('integral per 1h', "SELECT integral(v, 1h) FROM m WHERE machine = 'M1' AND %s GROUP BY time(1h)" % R),
    ('moving_average of mean', 'SELECT moving_average(mean(v), 5) FROM m WHERE %s GROUP BY time(1m)' % R),
    ('cumulative_sum, raw', "SELECT cumulative_sum(n) FROM m WHERE machine = 'M4' AND %s" % R),
    ('elapsed, raw', "SELECT elapsed(v, 1s) FROM m WHERE machine = 'M4' AND %s" % R),
    ('tz() per 1h', "SELECT count(v) FROM m WHERE %s GROUP BY time(1h) tz('Europe/Berlin')" % R),
    ('string field condition', "SELECT count(v) FROM m WHERE state = 'run' AND %s GROUP BY machine" % R),
    ('SHOW SERIES', 'SHOW SERIES FROM m'),
    ('SLIMIT 2 SOFFSET 1', 'SELECT mean(v) FROM m WHERE %s GROUP BY time(1h), machine SLIMIT 2 SOFFSET 1' % R),
]


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def request(port, method, path, body=None):
    connection = http.client.HTTPConnection('127.0.0.1', port, timeout=120)
    connection.request(method, path, body=body)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('histd')
    parser.add_argument('--rounds', type=int, default=30)
    args = parser.parse_args()
    influx_port, histd_port, rpc = free_port(), free_port(), free_port()
    root = tempfile.mkdtemp(prefix='influxql-latency-')
    conf = os.path.join(root, 'influxdb.conf')
    open(conf, 'w').write(INFLUX_CONF.format(d=root, port=influx_port, rpc=rpc))
    influx = subprocess.Popen(['influxd', 'run', '-config', conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    histd = subprocess.Popen([args.histd, 'serve', '--data', root + '/histd', '--http', '127.0.0.1:%d' % histd_port, '--log-level', 'error'],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for port in (influx_port, histd_port):
            for _ in range(150):
                try:
                    if request(port, 'GET', '/ping')[0] in (200, 204):
                        break
                except OSError:
                    pass
                time.sleep(0.2)
        request(influx_port, 'POST', '/query?q=' + urllib.parse.quote('CREATE DATABASE plant'))
        for hour in range(HOURS):
            lines = []
            for second in range(hour * 3600, (hour + 1) * 3600):
                for machine in range(1, 5):
                    v = (second * 7 + machine * 13) % 1000 / 10
                    lines.append('m,machine=M%d v=%r,n=%di%s %d' % (
                        machine, v, (second // 7 + machine) % 50 + 1, ',state="%s"' % ('run' if second % 180 < 120 else 'stop') if second % 60 == 0 else '',
                        START + second))
            body = ('\n'.join(lines) + '\n').encode()
            for port in (influx_port, histd_port):
                status = request(port, 'POST', '/write?db=plant&precision=s', body)[0]
                if status != 204:
                    sys.exit('write to port %d answered %d' % (port, status))
        request(histd_port, 'POST', '/api/v1/admin/flush')
        print('| statement | InfluxDB 1.6 median ms | histd median ms | histd / InfluxDB |')
        print('|---|---|---|---|')
        for name, query in QUERIES:
            path = '/query?db=plant&epoch=ns&q=' + urllib.parse.quote(query)
            answers = [json.loads(request(port, 'GET', path)[1]) for port in (influx_port, histd_port)]
            for answer in answers:  # InfluxDB marks long series "partial"; histd never splits them
                for result in answer.get('results', []):
                    for series in result.get('series', []):
                        series.pop('partial', None)
            if not close(*answers):
                print('| %s | answers differ: %s / %s | | |' % (name, json.dumps(answers[0])[:120], json.dumps(answers[1])[:120]))
                continue
            timings = {influx_port: [], histd_port: []}
            for _ in range(args.rounds):
                for port in (influx_port, histd_port):
                    began = time.perf_counter()
                    request(port, 'GET', path)
                    timings[port].append((time.perf_counter() - began) * 1000)
            influx_ms, histd_ms = statistics.median(timings[influx_port]), statistics.median(timings[histd_port])
            print('| %s `%s` | %.3f | %.3f | %.3f |' % (name, query.replace(R, 'R'), influx_ms, histd_ms, histd_ms / influx_ms))
    finally:
        for process in (influx, histd):
            process.terminate()
            process.wait()


if __name__ == '__main__':
    main()
