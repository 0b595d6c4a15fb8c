package org.phloem.runtime.chart;

/**
 * An RGB image in memory (one int per pixel, 0xRRGGBB, rows from the top) that the charts draw into
 * by blending a colour over a pixel with a coverage between 0 and 1. Drawing outside the image is
 * clipped silently, so the primitives never have to check their bounds.
 */
public final class Raster {
  private final int width;
  private final int height;
  private final int[] rgb;

  /** A {@code width} × {@code height} image filled with {@code background}. */
  public Raster(int width, int height, int background) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("an image needs a positive size, not " + width + " × " + height);
    }
    this.width = width;
    this.height = height;
    this.rgb = new int[width * height];
    java.util.Arrays.fill(rgb, background & 0xffffff);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The pixels, row by row (the array itself, for the encoder). */
  int[] pixels() {
    return rgb;
  }

  /** The colour at (x, y) as 0xRRGGBB. */
  public int get(int x, int y) {
    return rgb[y * width + x];
  }

  /** {@code colour} over pixel (x, y) with {@code alpha} (0 transparent, 1 opaque); outside the image nothing. */
  public void blend(int x, int y, int colour, double alpha) {
    if (x < 0 || y < 0 || x >= width || y >= height || !(alpha > 0)) {
      return;
    }
    int i = y * width + x;
    if (alpha >= 1) {
      rgb[i] = colour & 0xffffff;
      return;
    }
    int a = (int) (alpha * 256 + 0.5);
    int b = 256 - a;
    int p = rgb[i];
    int r = (((colour >> 16) & 0xff) * a + ((p >> 16) & 0xff) * b) >> 8;
    int g = (((colour >> 8) & 0xff) * a + ((p >> 8) & 0xff) * b) >> 8;
    int bl = ((colour & 0xff) * a + (p & 0xff) * b) >> 8;
    rgb[i] = (r << 16) | (g << 8) | bl;
  }

  /**
   * The rectangle [x0, x1) × [y0, y1) in pixel coordinates (pixel (i, j) spans [i, i+1) × [j, j+1)),
   * filled with {@code colour} at {@code alpha}; pixels the edges cut through get the covered fraction.
   */
  public void fillRect(double x0, double y0, double x1, double y1, int colour, double alpha) {
    if (!(x1 > x0) || !(y1 > y0)) {
      return;
    }
    int i0 = (int) Math.floor(Math.max(x0, 0));
    int i1 = (int) Math.ceil(Math.min(x1, width));
    int j0 = (int) Math.floor(Math.max(y0, 0));
    int j1 = (int) Math.ceil(Math.min(y1, height));
    // the whole columns inside [x0, x1), which an opaque fill sets without blending
    int inner0 = (int) Math.ceil(Math.max(x0, 0));
    int inner1 = (int) Math.floor(Math.min(x1, width));
    for (int j = j0; j < j1; j++) {
      double cy = Math.min(j + 1, y1) - Math.max(j, y0);
      if (alpha >= 1 && cy >= 1 && inner1 > inner0) {
        java.util.Arrays.fill(rgb, j * width + inner0, j * width + inner1, colour & 0xffffff);
        if (i0 < inner0) {
          blend(i0, j, colour, inner0 - x0);
        }
        if (inner1 < i1) {
          blend(inner1, j, colour, x1 - inner1);
        }
        continue;
      }
      for (int i = i0; i < i1; i++) {
        double cx = Math.min(i + 1, x1) - Math.max(i, x0);
        blend(i, j, colour, alpha * cx * cy);
      }
    }
  }

  /** A one-pixel frame just outside the rectangle [x0, x1) × [y0, y1). */
  public void outline(int x0, int y0, int x1, int y1, int colour) {
    fillRect(x0 - 1, y0 - 1, x1 + 1, y0, colour, 1);
    fillRect(x0 - 1, y1, x1 + 1, y1 + 1, colour, 1);
    fillRect(x0 - 1, y0, x0, y1, colour, 1);
    fillRect(x1, y0, x1 + 1, y1, colour, 1);
  }

  /** The colour {@code t} of the way from {@code a} to {@code b} (0xRRGGBB each). */
  public static int mix(int a, int b, double t) {
    double s = Math.max(0, Math.min(1, t));
    int r = (int) Math.round(((a >> 16) & 0xff) * (1 - s) + ((b >> 16) & 0xff) * s);
    int g = (int) Math.round(((a >> 8) & 0xff) * (1 - s) + ((b >> 8) & 0xff) * s);
    int bl = (int) Math.round((a & 0xff) * (1 - s) + (b & 0xff) * s);
    return (r << 16) | (g << 8) | bl;
  }
}
