#!/usr/bin/env python3
"""Detection rates of histd's PCA (T² and SPE) and Hotelling T² charts on the Tennessee Eastman runs.

Phase I is the fault-free training run d00 (500 samples; the file is stored transposed, 52 x 500);
each test run dNN_te (960 samples, fault from sample 160) follows it in one CSV, so the model is
fitted on d00 alone (--phase1 0:500) and the test rows are phase II. The detection rate is the share
of the 800 test samples after the fault (test rows 160..959) beyond the limit; the false-alarm rate
the share of the 160 samples before it. Runs the real binary.

Usage: tep_multivariate.py HISTD_BINARY [DATA_DIR] [COMPONENTS]
  DATA_DIR defaults to ../shared/data/tep-braatz, COMPONENTS to 11.
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile


def read(path):
    with gzip.open(path, "rt") as handle:
        return [[float(cell) for cell in line.split()] for line in handle if line.strip()]


def main():
    binary = sys.argv[1]
    folder = sys.argv[2] if len(sys.argv) > 2 else "../shared/data/tep-braatz"
    components = sys.argv[3] if len(sys.argv) > 3 else "11"
    training = read(os.path.join(folder, "d00.dat.gz"))
    if len(training) == 52:
        training = [list(column) for column in zip(*training)]
    header = ",".join(f"XMEAS{j + 1}" if j < 41 else f"XMV{j - 40}" for j in range(52))
    runs = sorted(name for name in os.listdir(folder) if name.endswith("_te.dat.gz"))
    print(f"{'run':8} {'PCA T2':>8} {'SPE':>8} {'T2 (all 52)':>12}   false alarms before the fault: PCA T2, SPE, T2")
    for name in runs:
        test = read(os.path.join(folder, name))
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:
            handle.write(header + "\n")
            for row in training + test:
                handle.write(",".join(repr(value) for value in row) + "\n")
            path = handle.name
        try:
            pca = json.loads(subprocess.run(
                [binary, "spc", "multivariate", "--method", "pca", "--components", components, "--phase1", "0:500", path],
                check=True, capture_output=True, text=True).stdout)
            t2 = json.loads(subprocess.run(
                [binary, "spc", "multivariate", "--method", "t2", "--alpha", "0.01", "--phase1", "0:500", path],
                check=True, capture_output=True, text=True).stdout)
        finally:
            os.remove(path)
        start = len(training)
        fault = start + 160

        def rates(beyond):
            after = sum(1 for index in beyond if index >= fault)
            before = sum(1 for index in beyond if start <= index < fault)
            return after / (len(test) - 160), before / 160

        pca_t2, spe, full = rates(pca["beyond_t2"]), rates(pca["beyond_spe"]), rates(t2["beyond"])
        print(f"{name[:-7]:8} {pca_t2[0]:8.3f} {spe[0]:8.3f} {full[0]:12.3f}   {pca_t2[1]:.3f}, {spe[1]:.3f}, {full[1]:.3f}")
    print(f"k = {pca['components']} components ({pca['explained_variance']:.3f} of the variance), alpha = {pca['alpha']}")


if __name__ == "__main__":
    main()
