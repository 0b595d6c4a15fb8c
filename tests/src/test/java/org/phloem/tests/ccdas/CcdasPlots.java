package org.phloem.tests.ccdas;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The study's plots (XChart, headless, as the runtime's report): station fits and the land flux. */
final class CcdasPlots {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  static final Color[] ARM_COLORS = {new Color(0xd6, 0x27, 0x28), new Color(0x1f, 0x77, 0xb4)};

  private CcdasPlots() {}

  static void write(CcdasStudy.Study s, Path out) throws IOException {
    for (String station : List.of("mlo519n1", "alt482n1", "spo789s1", "gsn233n0", "ryo239n0", "wlg236n0", "uum244n0", "amy236n1")) {
      stationPlot(s, station, out.resolve("station_" + station + ".png"));
    }
    landPlot(s, out.resolve("land_flux_global.png"));
  }

  static double year(int month) {
    return 1980 + (month + 0.5) / 12;
  }

  static void stationPlot(CcdasStudy.Study s, String station, Path file) throws IOException {
    XYChart chart = new XYChartBuilder().width(1000).height(450).title("Monthly CO2 at " + station)
        .xAxisTitle("year").yAxisTitle("CO2 [ppm]").build();
    chart.getStyler().setMarkerSize(4);
    chart.getStyler().setXAxisDecimalPattern("0.#"); // years without a thousands separator
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    double[] o = s.observed().get(station);
    for (int m = 0; m < 288; m++) {
      if (!Double.isNaN(o[m])) {
        x.add(year(m));
        y.add(o[m]);
      }
    }
    XYSeries obs = chart.addSeries("observed", x, y);
    obs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    obs.setMarker(SeriesMarkers.CIRCLE);
    obs.setMarkerColor(Color.BLACK);
    for (int a = 0; a < 2; a++) {
      line(chart, CcdasStudy.ARM_NAMES[a], s.arms()[a].co2().get(station), ARM_COLORS[a]);
    }
    double[] ct = s.carbonTracker().get(station);
    if (ct != null) {
      line(chart, "CarbonTracker", ct, new Color(0x2c, 0xa0, 0x2c));
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static void line(XYChart chart, String name, double[] v, Color color) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (int m = CcdasStudy.SPIN_UP; m < v.length; m++) {
      if (!Double.isNaN(v[m])) {
        x.add(year(m));
        y.add(v[m]);
      }
    }
    XYSeries l = chart.addSeries(name, x, y);
    l.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    l.setMarker(SeriesMarkers.NONE);
    l.setLineColor(color);
  }

  static void landPlot(CcdasStudy.Study s, Path file) throws IOException {
    XYChart chart = new XYChartBuilder().width(900).height(500).title("Posterior land flux, global and by zone (+-2 sd, delta method)")
        .xAxisTitle("year").yAxisTitle("PgC/yr, positive into the atmosphere").build();
    chart.getStyler().setXAxisDecimalPattern("0.#");
    for (int a = 0; a < 2; a++) {
      CcdasStudy.Arm arm = s.arms()[a];
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      List<Double> e = new ArrayList<>();
      for (int yr = 1; yr < 24; yr++) {
        x.add(1980.5 + yr);
        y.add(arm.globalAnnual()[yr]);
        e.add(2 * arm.globalAnnualSd()[yr]);
      }
      XYSeries g = chart.addSeries(CcdasStudy.ARM_NAMES[a] + ": global", x, y, e);
      g.setLineColor(ARM_COLORS[a]);
      g.setMarkerColor(ARM_COLORS[a]);
      String[] zones = {"90S-30S", "30S-30N", "30N-90N"};
      for (int z : new int[] {2, 1}) {
        List<Double> v = new ArrayList<>();
        List<Double> ve = new ArrayList<>();
        for (int yr = 1; yr < 24; yr++) {
          v.add(arm.zoneAnnual()[z][yr]);
          ve.add(2 * arm.zoneAnnualSd()[z][yr]);
        }
        XYSeries zs = chart.addSeries(CcdasStudy.ARM_NAMES[a] + ": " + zones[z], x, v, ve);
        zs.setLineColor(ARM_COLORS[a].darker());
        zs.setMarker(z == 2 ? SeriesMarkers.DIAMOND : SeriesMarkers.SQUARE);
        zs.setMarkerColor(ARM_COLORS[a].darker());
      }
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
