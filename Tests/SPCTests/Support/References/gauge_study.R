# Reference gauge R&R figures for Tests/SPCTests/Gauge (not run by the tests).
# Rscript gauge_study.R   (R 4.x base: aov and pf)
options(digits = 15)
study <- function(d, tolerance = NA, k = 6) {
  d$part <- factor(d$part); d$operator <- factor(d$operator)
  p <- nlevels(d$part); o <- nlevels(d$operator); r <- nrow(d) / (p * o)
  full <- summary(aov(value ~ part * operator, data = d))[[1]]
  ms <- full[["Mean Sq"]]; ss <- full[["Sum Sq"]]; df <- full[["Df"]]
  pint <- full[["Pr(>F)"]][3]
  cat("MS part, operator, interaction, error:", ms, "\n")
  cat("interaction p:", pint, "\n")
  if (pint > 0.25) {
    reduced <- summary(aov(value ~ part + operator, data = d))[[1]]
    cat("ANOVA without interaction: df, SS, MS, F, p\n"); print(as.matrix(reduced))
  } else {
    cat("ANOVA with interaction (part and operator tested against the interaction): df, SS, MS, F, p\n")
    print(cbind(df, ss, ms, F = c(ms[1] / ms[3], ms[2] / ms[3], ms[3] / ms[4], NA),
                p = c(pf(ms[1] / ms[3], df[1], df[3], lower.tail = FALSE), pf(ms[2] / ms[3], df[2], df[3], lower.tail = FALSE), pint, NA)))
  }
  if (pint > 0.25) {
    e <- (ss[3] + ss[4]) / (df[3] + df[4])
    rep <- e; pxo <- 0
    op <- max(0, (ms[2] - e) / (p * r)); pa <- max(0, (ms[1] - e) / (o * r))
  } else {
    rep <- ms[4]; pxo <- max(0, (ms[3] - ms[4]) / r)
    op <- max(0, (ms[2] - ms[3]) / (p * r)); pa <- max(0, (ms[1] - ms[3]) / (o * r))
  }
  v <- c(repeatability = rep, reproducibility = op + pxo, operator = op, operator_by_part = pxo,
         gage_rr = rep + op + pxo, part_to_part = pa, total = rep + op + pxo + pa)
  print(v)
  print(100 * v / v[["total"]])
  print(k * sqrt(v))
  print(100 * sqrt(v) / sqrt(v[["total"]]))
  if (!is.na(tolerance)) print(100 * k * sqrt(v) / tolerance)
  cat("ndc:", floor(1.41 * sqrt(pa) / sqrt(v[["gage_rr"]])), "\n")
}
# Thermal impedance (Houf & Berman 1988; Montgomery, Introduction to SQC, 7th ed., Table 8.7).
impedance <- c(37,38,37, 41,41,40, 41,42,41,  42,41,43, 42,42,42, 43,42,43,  30,31,31, 31,31,31, 29,30,28,
               42,43,42, 43,43,43, 42,42,42,  28,30,29, 29,30,29, 31,29,29,  42,42,43, 45,45,45, 44,46,45,
               25,26,27, 28,28,30, 29,27,27,  40,40,40, 43,42,42, 43,43,41,  25,25,25, 27,29,28, 26,26,26,
               35,34,34, 35,35,34, 35,34,35)
d1 <- data.frame(part = rep(1:10, each = 9), operator = rep(rep(1:3, each = 3), 10), value = impedance)
study(d1, tolerance = 50)
# A small study whose interaction is pooled (p > 0.25) and whose operator component is negative (set to 0).
small <- c(2.48,2.52, 2.50,2.47,  2.61,2.58, 2.57,2.62,  2.40,2.45, 2.44,2.41,  2.55,2.53, 2.51,2.56,  2.66,2.70, 2.69,2.65)
d2 <- data.frame(part = rep(c("A","B","C","D","E"), each = 4), operator = rep(rep(c("ann","bob"), each = 2), 5), value = small)
study(d2, tolerance = 0.6, k = 5.15)
