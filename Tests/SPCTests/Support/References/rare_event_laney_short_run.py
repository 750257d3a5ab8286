# Reference values of LaneyChartTests, UnitsBetweenEventsChartTests, TimeBetweenEventsChartTests and
# ShortRunChartTests, computed independently of histd with numpy and scipy (not run by the tests):
#   python3 Tests/SPCTests/Support/References/rare_event_laney_short_run.py
import numpy as np
from scipy import stats

D2 = 2 / np.sqrt(np.pi)  # d2(2)
# d3(2) = sqrt(Var|X1 - X2|) for standard normals: |X1 - X2| is half-normal with scale sqrt(2).
D3 = np.sqrt(2 * (1 - 2 / np.pi))

# Laney p' (Laney 2002): defectives and sizes of 20 samples.
defectives = np.array([88, 66, 64, 63, 59, 59, 75, 77, 66, 65, 50, 60, 41, 63, 97, 45, 64, 73, 104, 42], float)
sizes = np.array([3049, 2192, 2166, 2445, 3052, 1970, 2148, 2531, 2138, 2372, 2281, 1900, 1848, 1938, 2727, 3180, 3101, 2771, 3091, 2428], float)


def laney(counts, n, binomial, phase1=slice(None)):
    rate = counts[phase1].sum() / n[phase1].sum()
    sigma = np.sqrt(rate * (1 - rate) / n) if binomial else np.sqrt(rate / n)
    z = (counts / n - rate) / sigma
    sigma_z = np.mean(np.abs(np.diff(z[phase1]))) / D2
    lcl = np.maximum(0, rate - 3 * sigma * sigma_z)
    ucl = rate + 3 * sigma * sigma_z
    statistic = counts / n
    beyond = np.where((statistic > ucl) | (statistic < lcl))[0]
    plain = np.where((statistic > rate + 3 * sigma) | (statistic < np.maximum(0, rate - 3 * sigma)))[0]
    return rate, sigma_z, lcl, ucl, beyond, plain


for label, phase1 in [("laney-p", slice(None)), ("laney-p phase1 0:15", slice(0, 15))]:
    rate, sigma_z, lcl, ucl, beyond, plain = laney(defectives, sizes, True, phase1)
    print(label, "pbar %.17g sigma_z %.17g" % (rate, sigma_z))
    print("  lcl[0] %.17g ucl[0] %.17g lcl[12] %.17g ucl[12] %.17g" % (lcl[0], ucl[0], lcl[12], ucl[12]))
    print("  beyond", list(beyond), "plain p beyond", list(plain))

# Laney u': defects and inspection units of 16 samples.
defects = np.array([256, 225, 161, 134, 175, 208, 288, 314, 133, 217, 161, 179, 161, 234, 147, 223], float)
units = np.array([101.9, 70.2, 60.6, 76.6, 104.3, 81.8, 94.3, 88.2, 58.8, 78.5, 71.1, 103.8, 61.5, 105.1, 68.6, 66.5])
rate, sigma_z, lcl, ucl, beyond, plain = laney(defects, units, False)
print("laney-u ubar %.17g sigma_z %.17g" % (rate, sigma_z))
print("  lcl[0] %.17g ucl[0] %.17g lcl[8] %.17g ucl[8] %.17g" % (lcl[0], ucl[0], lcl[8], ucl[8]))
print("  beyond", list(beyond), "plain u beyond", list(plain))

# g chart (Benneyan 2001): units between 20 events.
g = np.array([20, 8, 17, 6, 34, 10, 6, 11, 33, 55, 109, 21, 12, 4, 20, 23, 141, 24, 127, 9], float)
gbar = g.mean()
sigma = np.sqrt(gbar * (gbar + 1))
print("g gbar %.17g sigma %.17g ucl %.17g lcl %.17g" % (gbar, sigma, gbar + 3 * sigma, max(0, gbar - 3 * sigma)))
print("  beyond", list(np.where(g > gbar + 3 * sigma)[0]))

# t chart: hours between 20 breakdowns.
t = np.array([38.22, 5.41, 34.2, 15.46, 33.75, 72.39, 8.73, 27.46, 30.43, 8.96, 8.09, 36.62, 19.63, 43.21, 13.52, 20.04, 35.85, 53.5,
              19.99, 26.22])
loc, scale = stats.expon.fit(t, floc=0)
e = stats.expon(scale=scale)
print("t exponential scale %.17g rate %.17g median %.17g lcl %.17g ucl %.17g" % (scale, 1 / scale, e.median(), e.ppf(0.00135),
                                                                                e.ppf(0.99865)))
shape, loc, wscale = stats.weibull_min.fit(t, floc=0)
w = stats.weibull_min(shape, scale=wscale)
print("t weibull shape %.17g scale %.17g median %.17g lcl %.17g ucl %.17g sd %.17g" % (shape, wscale, w.median(), w.ppf(0.00135),
                                                                                      w.ppf(0.99865), w.std()))
# A short burst of failures: times 0.02 and 0.01 h appended.
t2 = np.append(t, [0.02, 0.01])
print("  exponential beyond with the burst", list(np.where((t2 < e.ppf(0.00135)) | (t2 > e.ppf(0.99865)))[0]))

# Short-run Z-MR: part and value of 18 rows, part B shifts at row 16.
parts = list("AABACBBCACBACBACBC")
values = np.array([10.0, 10.06, 24.86, 9.82, 5.45, 24.5, 25.03, 5.63, 9.9, 5.44, 25.24, 10.07, 5.51, 24.53, 9.99, 5.57, 26.9, 5.45])
for sigma_by in ["part", "constant"]:
    estimates = {}
    pooled = []
    for part in dict.fromkeys(parts):
        own = values[[i for i, p in enumerate(parts) if p == part]]
        ranges = np.abs(np.diff(own))
        pooled += list(ranges)
        estimates[part] = [own.mean(), ranges.mean() / D2]
    if sigma_by == "constant":
        for part in estimates:
            estimates[part][1] = np.mean(pooled) / D2
    z = np.array([(x - estimates[p][0]) / estimates[p][1] for p, x in zip(parts, values)])
    mr = np.abs(np.diff(z))
    print("zmr", sigma_by, {p: ("%.17g" % m, "%.17g" % s) for p, (m, s) in estimates.items()})
    print("  z[0] %.17g z[16] %.17g z[17] %.17g MR at row 16 %.17g" % (z[0], z[16], z[17], mr[15]))
    print("  mr center %.17g ucl %.17g" % (D2, D2 + 3 * D3))
    print("  beyond", list(np.where(np.abs(z) > 3)[0]), "mr beyond", list(np.where(mr > D2 + 3 * D3)[0] + 1))

# TimeBetweenEventsFitTests: two more Weibull fits, shape far below and far above 1.
for x in ([0.158, 0.869, 3.779, 0.006, 0.041, 43.112, 0.015, 0.107, 0.256, 1.486, 0.359, 1.993, 3.098, 0.05, 6.487],
          [106.27, 122.22, 124.13, 111.68, 105.97, 88.03, 88.91, 91.54, 98.2, 118.65, 97.0, 105.71]):
    shape, loc, wscale = stats.weibull_min.fit(x, floc=0)
    print("weibull shape %.17g scale %.17g median %.17g" % (shape, wscale, stats.weibull_min(shape, scale=wscale).ppf(0.5)))
