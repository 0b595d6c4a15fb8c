#!/usr/bin/env python3
"""Derives the three tables under data/ccdas/ from the project's tidy data (README.md, "Data").

    python3 models/ccdas/make_tables.py /work/shared/data/tidy data

Reads co2/stations_monthly.csv and bethy_grid/vegetation_points_2deg.csv; writes
  ccdas/stations.csv              the stations: the 41 with >= 80 % of the months 1990-2003 observed
                                  (fitted = 1) and the East-Asian stations below that coverage (fitted = 0)
  ccdas/station_co2_monthly.csv   their monthly CO2 1980-2003, month = 12 (year - 1980) + month - 1
  ccdas/pft_area_by_band.csv      vegetated area of each PFT (0-based) per 10-degree band (0 = 90S-80S):
                                  a cell with one vegetation point is covered wholly by it (the map's
                                  cover fraction 1); a cell with two or three is covered to the share
                                  VEGETATED_SHARE, split equally among its points (the map gives no other
                                  fractions; README.md, "Land area per PFT", says how the share was chosen)
Standard library only; the tests (CcdasDataTest) recompute all three from the same sources.
"""
import csv
import os
import sys
from collections import Counter, defaultdict

FIRST_YEAR, LAST_YEAR = 1980, 2003
COVER_FROM, COVER_TO, COVER_SHARE = 1990, 2003, 0.8
# Vegetated share of a cell with several PFTs (README.md, "Land area per PFT"): chosen so that global GPP at
# the prior means, 1980-2003, is near the observed 123 PgC/yr (Beer et al. 2010).
VEGETATED_SHARE = 0.57
EAST_ASIA = ["gsn233n0", "amy236n1", "ryo239n0", "yon224n0", "mnm224n0", "wlg236n0", "uum244n0"]


def main(tidy, out):
    os.makedirs(os.path.join(out, "ccdas"), exist_ok=True)
    rows = list(csv.DictReader(open(os.path.join(tidy, "co2/stations_monthly.csv"), encoding="utf-8")))
    meta, covered = {}, Counter()
    for r in rows:
        meta.setdefault(r["station"], (r["lat"], r["lon"], r["alt_m"]))
        if COVER_FROM <= int(r["year"]) <= COVER_TO:
            covered[r["station"]] += 1
    need = COVER_SHARE * 12 * (COVER_TO - COVER_FROM + 1)
    fitted = [s for s in meta if covered[s] >= need]
    extra = [s for s in EAST_ASIA if s in meta and s not in fitted]
    stations = sorted(fitted, key=lambda s: (float(meta[s][0]), s)) + extra
    with open(os.path.join(out, "ccdas/stations.csv"), "w", newline="\n") as f:
        f.write("station,lat,lon,alt_m,fitted,months_1990_2003\n")
        for s in stations:
            lat, lon, alt = meta[s]
            f.write(f"{s},{lat},{lon},{alt},{1 if s in fitted else 0},{covered[s]}\n")
    order = {s: i for i, s in enumerate(stations)}
    keep = sorted(((order[r["station"]], 12 * (int(r["year"]) - FIRST_YEAR) + int(r["month"]) - 1, r["co2"])
                   for r in rows if r["station"] in order and FIRST_YEAR <= int(r["year"]) <= LAST_YEAR))
    with open(os.path.join(out, "ccdas/station_co2_monthly.csv"), "w", newline="\n") as f:
        f.write("station,month,co2\n")
        for i, m, c in keep:
            f.write(f"{stations[i]},{m},{c}\n")

    points = list(csv.DictReader(open(os.path.join(tidy, "bethy_grid/vegetation_points_2deg.csv"))))
    per_cell = Counter(p["grid_cell"] for p in points)
    area = defaultdict(float)
    for p in points:
        band = int((float(p["lat"]) + 90) // 10)
        n = per_cell[p["grid_cell"]]
        area[(band, int(p["pft"]) - 1)] += float(p["cell_area_m2"]) * (1 if n == 1 else VEGETATED_SHARE / n)
    with open(os.path.join(out, "ccdas/pft_area_by_band.csv"), "w", newline="\n") as f:
        f.write("band,pft,area_m2\n")
        for b in range(18):
            for k in range(13):
                f.write(f"{b},{k},{area[(b, k)]:.6e}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
