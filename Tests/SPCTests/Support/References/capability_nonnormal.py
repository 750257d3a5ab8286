# Reference figures for Tests/SPCTests/Capability/NonNormalCapabilityTests.swift (not run by the tests).
# python3 capability_nonnormal.py   (numpy, scipy 1.17)
import numpy as np
from scipy import optimize, stats

# 30 flatness readings (lognormal draws, rounded; the same literals are in the test).
x = np.array([1.039, 2.099, 2.29, 1.409, 1.472, 0.98, 0.809, 0.815, 0.779, 1.855, 1.191, 1.294, 0.916, 0.749, 0.711,
              0.836, 1.599, 1.232, 0.994, 1.097, 0.643, 2.125, 0.707, 1.245, 3.195, 0.388, 0.648, 0.882, 1.287, 0.565])
lsl, usl = 0.2, 4.0
np.set_printoptions(precision=15)
fmt = lambda *v: print(*[repr(float(a)) for a in v])

def individuals(y, lo, hi):
    mr = np.abs(np.diff(y)).mean()
    sw = mr / 1.128379167095513  # d2(2) = 2/sqrt(pi)
    so = y.std(ddof=1)
    m = y.mean()
    print("  mean sigma_within sigma_overall"); fmt(m, sw, so)
    print("  cp cpk pp ppk"); fmt((hi - lo) / (6 * sw), min(hi - m, m - lo) / (3 * sw), (hi - lo) / (6 * so), min(hi - m, m - lo) / (3 * so))

print("Box-Cox lambda (MLE)"); lam = stats.boxcox_normmax(x, method='mle'); fmt(lam)
print("llf check", stats.boxcox_llf(lam, x), stats.boxcox_llf(lam + 1e-4, x), stats.boxcox_llf(lam - 1e-4, x))
for l in [lam, 0.5, 0.0]:
    t = lambda v: stats.boxcox(np.atleast_1d(v), lmbda=l)
    print("Box-Cox lambda", l); individuals(t(x), t(lsl)[0], t(usl)[0])

def percentile_method(name, dist):
    q1, q5, q9 = dist.ppf([0.00135, 0.5, 0.99865])
    print(name, "percentiles"); fmt(q1, q5, q9)
    ppl = (q5 - lsl) / (q5 - q1); ppu = (usl - q5) / (q9 - q5)
    print("  pp ppl ppu ppk"); fmt((usl - lsl) / (q9 - q1), ppl, ppu, min(ppl, ppu))
    print("  ppm below above"); fmt(1e6 * dist.cdf(lsl), 1e6 * dist.sf(usl))
    s = np.sort(x); n = len(s); i = np.arange(1, n + 1)
    a2 = -n - np.sum((2 * i - 1) * (dist.logcdf(s) + dist.logsf(s[::-1]))) / n
    print("  anderson-darling"); fmt(a2)

shape, loc, scale = stats.lognorm.fit(x, floc=0)
print("lognormal meanlog sdlog"); fmt(np.log(scale), shape)
percentile_method("lognormal", stats.lognorm(shape, scale=scale))
# stats.weibull_min.fit(x, floc=0) stops early here (shape 2.1200315, its negative log-likelihood 1e-8 above the
# optimum); the maximum-likelihood shape solves the score equation, solved with brentq to 1e-15.
logs = np.log(x)
c = optimize.brentq(lambda b: np.sum(x**b * logs) / np.sum(x**b) - 1 / b - logs.mean(), 0.1, 20, xtol=1e-15, rtol=1e-15)
scale = np.mean(x**c) ** (1 / c)
print("weibull shape scale (MLE)"); fmt(c, scale)
print("weibull_min.fit for comparison"); fmt(*stats.weibull_min.fit(x, floc=0))
percentile_method("weibull", stats.weibull_min(c, scale=scale))
mu, sigma = stats.norm.fit(x)
print("normal mean sigma"); fmt(mu, sigma)
percentile_method("normal", stats.norm(mu, sigma))
