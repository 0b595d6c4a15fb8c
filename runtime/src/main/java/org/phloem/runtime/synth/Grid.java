package org.phloem.runtime.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** The cells a synthetic climate is made for: latitude bands, or the land cells of a regular lat-lon grid. */
public sealed interface Grid permits Grid.LatitudeBands, Grid.LatLonGrid {
  /** Mean Earth radius (IUGG), m. */
  double EARTH_RADIUS_M = 6_371_000.0;

  /** The cells, in the order they are numbered in the output (cell 0 first). */
  List<Cell> cells();

  /**
   * One cell.
   *
   * @param lat the centre's latitude, degrees north
   * @param lon the centre's longitude, degrees east (0 for a latitude band)
   * @param areaM2 the area on the sphere of radius {@link #EARTH_RADIUS_M}, m²
   */
  record Cell(double lat, double lon, double areaM2) {}

  /** Area between two latitudes over a longitude width (degrees), on the sphere: R² Δλ (sin φ2 − sin φ1). */
  static double area(double southDeg, double northDeg, double widthDeg) {
    return EARTH_RADIUS_M * EARTH_RADIUS_M * StrictMath.toRadians(widthDeg)
        * (StrictMath.sin(StrictMath.toRadians(northDeg)) - StrictMath.sin(StrictMath.toRadians(southDeg)));
  }

  /** {@code count} bands of equal latitude width from the South Pole to the North Pole, each a whole zonal ring. */
  record LatitudeBands(int count) implements Grid {
    public LatitudeBands {
      if (count < 1) {
        throw new IllegalArgumentException("need at least one latitude band, got " + count);
      }
    }

    @Override
    public List<Cell> cells() {
      double w = 180.0 / count;
      return IntStream.range(0, count)
          .mapToObj(i -> new Cell(-90 + (i + 0.5) * w, 0, area(-90 + i * w, -90 + (i + 1) * w, 360)))
          .toList();
    }
  }

  /**
   * A regular grid of {@code resolutionDegrees} cells; only land cells are kept. Land is decided by a fixed
   * smooth pattern of latitude and longitude (continent-sized blobs, nothing south of 60°S or north of
   * 80°N): the {@code landFraction} of all grid cells scoring highest are land. The default fraction
   * gives 4,500 land cells on a 2° grid of 16,200, as in CCDAS.
   */
  record LatLonGrid(double resolutionDegrees, double landFraction) implements Grid {
    /** 4,500 of 16,200 cells at 2°. */
    public static final double DEFAULT_LAND_FRACTION = 4500.0 / 16200.0;

    public LatLonGrid {
      if (!(resolutionDegrees > 0) || 180.0 / resolutionDegrees != Math.rint(180.0 / resolutionDegrees)) {
        throw new IllegalArgumentException("the resolution must divide 180 degrees, got " + resolutionDegrees);
      }
      if (!(landFraction > 0 && landFraction <= 1)) {
        throw new IllegalArgumentException("the land fraction must be in (0, 1], got " + landFraction);
      }
    }

    /** A grid with the default land fraction. */
    public LatLonGrid(double resolutionDegrees) {
      this(resolutionDegrees, DEFAULT_LAND_FRACTION);
    }

    /** Rows (latitudes) of the full grid. */
    public int rows() {
      return (int) Math.rint(180.0 / resolutionDegrees);
    }

    /** Columns (longitudes) of the full grid. */
    public int columns() {
      return 2 * rows();
    }

    @Override
    public List<Cell> cells() {
      int rows = rows();
      int cols = columns();
      double r = resolutionDegrees;
      int total = rows * cols;
      double[] score = new double[total];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          score[i * cols + j] = landScore(-90 + (i + 0.5) * r, -180 + (j + 0.5) * r);
        }
      }
      int land = (int) Math.round(landFraction * total);
      List<Integer> order = new ArrayList<>(IntStream.range(0, total).boxed().toList());
      order.sort(Comparator.comparingDouble((Integer k) -> -score[k]).thenComparingInt(k -> k));
      boolean[] isLand = new boolean[total];
      order.subList(0, land).forEach(k -> isLand[k] = true);
      List<Cell> cells = new ArrayList<>(land);
      for (int k = 0; k < total; k++) {
        if (isLand[k]) {
          double south = -90 + (k / cols) * r;
          cells.add(new Cell(south + r / 2, -180 + (k % cols + 0.5) * r, area(south, south + r, r)));
        }
      }
      return cells;
    }

    /** Higher is more land-like; a few superposed waves make continent-sized patches, more in the north. */
    static double landScore(double latDeg, double lonDeg) {
      if (latDeg < -60 || latDeg > 80) {
        return Double.NEGATIVE_INFINITY;
      }
      double p = StrictMath.toRadians(latDeg);
      double l = StrictMath.toRadians(lonDeg);
      return 0.55 * StrictMath.cos(2 * l - 0.8 + 1.5 * StrictMath.sin(p))
          + 0.35 * StrictMath.sin(3 * l + 2 * p + 0.4)
          + 0.25 * StrictMath.cos(5 * l - 3 * p)
          + 0.3 * StrictMath.sin(p + 0.3);
    }
  }
}
