# The inputs of the worked example of docs/spc.md (Laney, rare events, short runs) from ../shared/data/sme-oee,
# asset 1: writes laney-p.csv, g.csv, t.csv and zmr.csv in the current directory.
#   python3 scripts/spc-sme-oee-example.py
import csv, gzip, collections, datetime
rows = [r for r in csv.DictReader(gzip.open('/work/shared/data/sme-oee/company_A_labelled_subset_assets0-1.csv.gz', 'rt')) if r['asset'] == '1']
rows.sort(key=lambda r: r['ts'])
ts = lambda r: datetime.datetime.fromisoformat(r['ts'])
# Alarm episodes: consecutive 5-minute rows with alarm = 1 are one event.
events = []
previous = None
for index, r in enumerate(rows):
    if r['alarm'] == '1' and (previous is None or rows[previous]['alarm'] != '1' or (ts(r) - ts(rows[previous])).seconds > 300):
        events.append(index)
    previous = index
with open('t.csv', 'w') as f:
    for a, b in zip(events, events[1:]):
        f.write('%.4f\n' % ((ts(rows[b]) - ts(rows[a])).total_seconds() / 3600))
with open('g.csv', 'w') as f:
    for a, b in zip(events, events[1:]):
        f.write('%d\n' % sum(float(r['items']) for r in rows[a + 1:b] if r['alarm'] != '1'))
# Laney p': per 8-hour shift, of the 5-minute intervals in automatic production (status 2), those that produced no item.
shifts = collections.OrderedDict()
for r in rows:
    if r['status'] == '2.0':
        t = ts(r)
        shifts.setdefault((t.date(), t.hour // 8), []).append(float(r['items']) == 0)
with open('laney-p.csv', 'w') as f:
    for idle in shifts.values():
        if len(idle) >= 12:
            f.write('%d,%d\n' % (sum(idle), len(idle)))
# Z-MR: per hour of one product in automatic production, the mean items per 5-minute interval.
hours = collections.OrderedDict()
for r in rows:
    if r['status'] == '2.0':
        t = ts(r)
        hours.setdefault((t.date(), t.hour), []).append((r['product'], float(r['items'])))
with open('zmr.csv', 'w') as f:
    for samples in hours.values():
        products = {p for p, _ in samples}
        if len(products) == 1 and len(samples) >= 6:
            f.write('P%s,%.4f\n' % (samples[0][0], sum(i for _, i in samples) / len(samples)))
