# Reference values for Tests/SPCTests/Multivariate and Tests/SPCTests/Statistics (not run by the tests).
# python3 multivariate.py  (numpy 2.4, scipy 1.17); prints the data and the expected numbers pasted in the tests.
import numpy as np
from scipy import stats, special

np.set_printoptions(precision=17, floatmode="unique", linewidth=150)
repr = lambda v: str(float(v))  # noqa: E731 - plain shortest round-trip digits
print("beta.ppf", [repr(stats.beta.ppf(q, a, b)) for q, a, b in [(0.9973, 1.5, 8), (0.99, 26, 49974), (1e-8, 2.5, 3), (0.5, 0.5, 0.5)]])
print("f.ppf", [repr(stats.f.ppf(q, a, b)) for q, a, b in [(0.99, 3, 20), (0.9973, 52, 99948), (0.95, 1, 1), (0.999, 10, 5)]])
print("betainc", [repr(special.betainc(a, b, x)) for a, b, x in [(2.5, 3, 0.3), (26, 49974, 0.0007), (0.5, 0.5, 0.999)]])
print("norm.ppf 0.99", repr(stats.norm.ppf(0.99)))

rng = np.random.default_rng(20)
# 20 individual observations of 3 correlated variables, 3 decimals; phase I = rows 0..14.
mix = np.array([[1.0, 0.6, 0.3], [0.0, 0.8, 0.4], [0.0, 0.0, 0.5]])
x = np.round(rng.normal(size=(20, 3)) @ mix + [10, 20, 5], 3)
x[17] += [1.5, -1.0, 0.8]
print("individuals", x.tolist())
m, p = 15, 3
phase1 = x[:m]
mean = phase1.mean(axis=0)
inv = np.linalg.inv(np.cov(phase1, rowvar=False))
t2 = np.einsum("ij,jk,ik->i", x - mean, inv, x - mean)
alpha = 1 - (1 - 0.0027) ** p
print("t2", [repr(v) for v in t2])
print("ucl1", repr((m - 1) ** 2 / m * stats.beta.ppf(1 - alpha, p / 2, (m - p - 1) / 2)))
print("ucl2", repr(p * (m + 1) * (m - 1) / (m * m - m * p) * stats.f.ppf(1 - alpha, p, m - p)))
s = np.cov(phase1, rowvar=False)
print("contrib row 17", [repr(v) for v in (x[17] - mean) ** 2 / np.diag(s)])

# The same 20 rows as 5 subgroups of 4 (histd CLI test of --subgroup-size), every subgroup in phase I.
g5 = x.reshape(5, 4, 3)
means5 = g5.mean(axis=1)
sbar5 = np.mean([np.cov(group, rowvar=False) for group in g5], axis=0)
print("cli subgroups t2", [repr(v) for v in 4 * np.einsum("ij,jk,ik->i", means5 - means5.mean(axis=0), np.linalg.inv(sbar5), means5 - means5.mean(axis=0))])
print("cli subgroups ucl1", repr(3 * 4 * 3 / 13 * stats.f.ppf(1 - alpha, 3, 13)))

# 12 subgroups of 4 rows of the same 3 variables; phase I = subgroups 0..8.
y = np.round(rng.normal(size=(48, 3)) @ mix + [10, 20, 5], 3)
y[40:44] += [1.2, -0.5, 0.9]
print("subgroups", y.tolist())
n, g, m = 4, 12, 9
groups = y.reshape(g, n, p)
means = groups.mean(axis=1)
grand = means[:m].mean(axis=0)
sbar = np.mean([np.cov(groups[j], rowvar=False) for j in range(m)], axis=0)
t2s = n * np.einsum("ij,jk,ik->i", means - grand, np.linalg.inv(sbar), means - grand)
d = m * n - m - p + 1
print("t2 subgroups", [repr(v) for v in t2s])
print("ucl1 subgroups", repr(p * (m - 1) * (n - 1) / d * stats.f.ppf(1 - alpha, p, d)))
print("contrib subgroup 10", [repr(v) for v in n * (means[10] - grand) ** 2 / np.diag(sbar)])
print("ucl2 subgroups", repr(p * (m + 1) * (n - 1) / d * stats.f.ppf(1 - alpha, p, d)))

# PCA: 40 rows of 5 variables; phase I = rows 0..29; k = 2; alpha = 0.01.
mix5 = rng.normal(size=(5, 5)) * 0.5 + np.eye(5)
z = np.round(rng.normal(size=(40, 5)) @ mix5 + [1, 2, 3, 4, 5], 3)
z[35] += [0, 0, 2.5, 0, -2.0]
print("pca", z.tolist())
m, p, k, a = 30, 5, 2, 0.01
mu = z[:m].mean(axis=0)
sd = z[:m].std(axis=0, ddof=1)
zs = (z - mu) / sd
lam, vec = np.linalg.eigh(np.corrcoef(z[:m], rowvar=False))
order = np.argsort(lam)[::-1]
lam, vec = lam[order], vec[:, order]
print("eigenvalues", [repr(v) for v in lam])
P = vec[:, :k]
scores = zs @ P
print("pca t2", [repr(v) for v in (scores ** 2 / lam[:k]).sum(axis=1)])
residual = zs - scores @ P.T
print("pca spe", [repr(v) for v in (residual ** 2).sum(axis=1)])
print("pca t2 limit", repr(k * (m * m - 1) / (m * (m - k)) * stats.f.ppf(1 - a, k, m - k)))
th = [np.sum(lam[k:] ** i) for i in (1, 2, 3)]
h0 = 1 - 2 * th[0] * th[2] / (3 * th[1] ** 2)
c = stats.norm.ppf(1 - a)
print("pca spe limit", repr(th[0] * (c * np.sqrt(2 * th[1] * h0 ** 2) / th[0] + 1 + th[1] * h0 * (h0 - 1) / th[0] ** 2) ** (1 / h0)))
print("pca residual row 35", [repr(v) for v in residual[35] ** 2])
print("cumulative share", [repr(v) for v in np.cumsum(lam) / lam.sum()])
