#!/usr/bin/env python3
"""Runs `histd bench codec --json` over ../shared/data and prints the BENCHMARKS.md tables.

Usage: python3 Benchmarks/scripts/codec_table.py [--histd .build/release/histd] [--data ../shared/data]
Published figures: ALP paper (Afroozeh, Kuffo, Boncz, SIGMOD 2024) Table 4, bits per value on the full
data sets, as listed in ../shared/data/README.md.
"""
import argparse, glob, json, os, subprocess, sys

# name in alp-samples, name in elf-testdata, published Gorilla, Chimp128, Elf, ALP, zstd
TIME_SERIES = [
    ("neon_air_pressure", "Air-pressure", 24.48, 19.24, 14.25, 16.43, 9.39),
    ("basel_temp_f", "Basel-temp", 60.47, 31.14, 36.85, 30.72, 18.44),
    ("bird_migration_f", "Bird-migration", 47.82, 26.43, 22.78, 20.14, 21.02),
    ("bitcoin_f", "Bitcoin-price", 54.67, 44.96, 36.42, 26.37, 42.08),
    ("city_temperature_f", "City-temp", 58.82, 22.96, 17.95, 10.74, 16.77),
    ("neon_dew_point_temp", "Dew-point-temp", 54.86, 32.63, 20.85, 13.40, 25.07),
    ("stocks_de", "Stocks-DE", 46.18, 13.63, 14.41, 11.01, 10.54),
]


def run(histd, files, extra=()):
    output = subprocess.run([histd, "bench", "codec", "--json", *extra, *files], check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--histd", default=".build/release/histd")
    parser.add_argument("--data", default="../shared/data")
    args = parser.parse_args()
    data = args.data

    print("### Time-series files of the ALP table (values only, bits per value; lower is better)\n")
    print("| file | values | histd | zstd -3 raw (measured) | histd / zstd | codec | published Gorilla | Chimp128 | Elf | ALP | zstd |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    rows = []
    for alp, elf, gorilla, chimp, elf_bits, alp_bits, zstd in TIME_SERIES:
        for path in (f"{data}/alp-samples/{alp}.csv.gz", f"{data}/elf-testdata/{elf}.csv.gz"):
            series = run(args.histd, [path])["series"][0]
            rows.append(series)
            print(f"| {os.path.basename(path)} | {series['values']} | {series['value_bits_per_value']:.2f} | "
                  f"{series['zstd3_raw_bits_per_value']:.2f} | {series['value_bits_per_value'] / series['zstd3_raw_bits_per_value']:.2f} | "
                  f"{series['codec']} | {gorilla} | {chimp} | {elf_bits} | {alp_bits} | {zstd} |")
    mean = sum(r["value_bits_per_value"] for r in rows) / len(rows)
    mean_zstd = sum(r["zstd3_raw_bits_per_value"] for r in rows) / len(rows)
    print(f"| **mean of {len(rows)} files** | | **{mean:.2f}** | {mean_zstd:.2f} | | | 47.5 | 24.5 | 21.3 | 16.5 | 17.5 |\n")
    enc = sum(r["values"] for r in rows) / sum(r["values"] / r["encode_values_per_s"] for r in rows)
    dec = sum(r["values"] for r in rows) / sum(r["values"] / r["decode_values_per_s"] for r in rows)
    print(f"Encode {enc / 1e6:.1f} M values/s, decode {dec / 1e6:.1f} M values/s over these files (value codec alone, one core).\n")

    print("### Other data sets (sealed chunks of 8,192 samples; bytes/point includes the timestamps)\n")
    print("| data set | series | values | bits/value | zstd -3 raw | bytes/point | encode M/s | decode M/s |")
    print("|---|---|---|---|---|---|---|---|")
    sets = [
        ("skab (all 25 files)", sorted(glob.glob(f"{data}/skab/*/*.csv.gz")), ()),
        ("cnc-mill-tool-wear (all)", sorted(glob.glob(f"{data}/cnc-mill-tool-wear/*.csv.gz")), ()),
        ("nab", sorted(glob.glob(f"{data}/nab/*.csv.gz")), ()),
        ("chimp SSD_HDD (value column)", [f"{data}/chimp/SSD_HDD_benchmarks.csv.gz"], ("--no-timestamp",)),
        ("alp-samples (the 17 files here)", sorted(glob.glob(f"{data}/alp-samples/*.csv.gz")), ()),
        ("elf-testdata (the 11 files here)", sorted(glob.glob(f"{data}/elf-testdata/*.csv.gz")), ()),
    ]
    for name, files, extra in sets:
        total = run(args.histd, files, extra)["total"]
        point = f"{total['point_bytes']:.3f}" if total["point_bytes"] is not None else "-"
        print(f"| {name} | {total['series']} | {total['values']} | {total['value_bits_per_value']:.2f} | "
              f"{total['zstd3_raw_bits_per_value']:.2f} | {point} | {total['encode_values_per_s'] / 1e6:.1f} | "
              f"{total['decode_values_per_s'] / 1e6:.1f} |")


if __name__ == "__main__":
    sys.exit(main())
