# Reference ARLs for Tests/SPCTests/Design (not run by the tests).
# Rscript average_run_length.R   (R 4.x, package spc; r = quadrature nodes, raised until 10+ digits are stable)
library(spc)
options(digits = 15)
for (p in list(c(0.1, 2.814, 0), c(0.1, 2.814, 1), c(0.05, 2.615, 0.5), c(0.2, 2.962, 2), c(0.5, 3.071, 0),
               c(1, 3, 0), c(0.01, 2.2, 0), c(0.02, 2.5, 0.25))) {
  cat("ewma", p, xewma.arl(p[1], p[2], p[3], sided = "two", r = 400), xewma.arl(p[1], p[2], p[3], sided = "two", r = 800), "\n")
}
for (p in list(c(0.5, 4, 0, 0), c(0.5, 4, 1, 0), c(0.5, 5, 0, 0), c(0.5, 5, 1, 2.5), c(0.25, 8, 0.5, 0), c(1, 2.5, 2, 1),
               c(0.5, 4, 0, 2))) {
  cat("cusum", p, xcusum.arl(p[1], p[2], p[3], hs = p[4], sided = "two", r = 400), xcusum.arl(p[1], p[2], p[3], hs = p[4], sided = "two", r = 800), "\n")
}
cat("ewma.crit 0.1 370", xewma.crit(0.1, 370, sided = "two", r = 400), "\n")
cat("ewma.crit 0.05 500", xewma.crit(0.05, 500, sided = "two", r = 400), "\n")
cat("cusum.crit 0.5 370", xcusum.crit(0.5, 370, sided = "two", r = 400), "\n")
# histd's head start is a fraction f of h (as the CUSUM chart's): R's hs = f * h; the list above gives hs.
f <- function(h) xcusum.arl(0.25, h, 0, hs = 0.5 * h, sided = "two", r = 400) - 200
cat("h for ARL0 200, k 0.25, head start h/2", uniroot(f, c(3, 10), tol = 1e-13)$root, "\n")
