package org.phloem.tests.ccdas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.data.NetCdfWriter;
import org.phloem.tests.support.Repo;

/**
 * The transport Jacobian of the land flux (models/ccdas/README.md, "Transport of the land flux"): runs
 * models/ccdas/response.phl once per vegetated band and calendar month with a pulse of 1 PgC/yr in that
 * band during that month of 1990, and keeps each station's monthly mean CO2 for {@link #LAGS} months from
 * the pulse's month on. Bands without vegetation get no runs (their response is never used: the land
 * flux there is zero). Written as data/ccdas/transport_response.nc:
 *
 * <pre>
 *   java ... org.phloem.tests.ccdas.CcdasResponse [THREADS]
 * </pre>
 */
public final class CcdasResponse {
  /** Months of response kept after a pulse (its own month is lag 0). */
  public static final int LAGS = 36;
  static final String FILE = "ccdas/transport_response.nc";

  private CcdasResponse() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    Path out = Repo.root().resolve("data").resolve(FILE);
    long t0 = System.nanoTime();
    Response r = compute(threads);
    write(r, out);
    System.out.printf("wrote %s (%d runs, %.0f s)%n", out, r.runs, (System.nanoTime() - t0) / 1e9);
  }

  /** The response, flat [station, lag, band, cal], and the station labels. */
  record Response(List<String> stations, double[] values, int runs) {}

  static Response compute(int threads) throws Exception {
    Path file = Repo.model("ccdas/response.phl");
    CompiledModel model = Pipeline.compile(file, false).bind(Repo.dataRoot(file));
    ModelInfo info = model.info();
    List<String> stations = info.dim("station").labels();
    int ns = stations.size();
    int months = info.dim("month").size();
    int nb = info.dim("band").size();
    boolean[] vegetated = CcdasTables.vegetatedBands(nb);
    int out = info.outputIndex("co2_station");
    double[] values = new double[ns * LAGS * nb * 12];
    List<int[]> jobs = new ArrayList<>();
    for (int b = 0; b < nb; b++) {
      for (int c = 0; c < 12; c++) {
        if (vegetated[b]) {
          jobs.add(new int[] {b, c});
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        CompiledModel m = model.copy();
        done.add(pool.submit(() -> {
          for (int j = first; j < jobs.size(); j += threads) {
            int b = jobs.get(j)[0];
            int c = jobs.get(j)[1];
            double[] p = new double[info.parameterCount()];
            p[b * 12 + c] = 1;
            long t1 = System.nanoTime();
            m.cost(p);
            double[] co2 = m.output(out);
            for (int s = 0; s < ns; s++) {
              for (int lag = 0; lag < LAGS; lag++) {
                values[((s * LAGS + lag) * nb + b) * 12 + c] = co2[s * months + c + lag];
              }
            }
            System.out.printf("pulse band %2d month %2d: %.1f s%n", b, c, (System.nanoTime() - t1) / 1e9);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return new Response(stations, values, jobs.size());
  }

  static void write(Response r, Path file) throws Exception {
    Files.createDirectories(file.getParent());
    List<NetCdfWriter.Dimension> dims = List.of(
        new NetCdfWriter.Dimension("station", r.stations.size(), r.stations),
        new NetCdfWriter.Dimension("lag", LAGS, IntStream.range(0, LAGS).mapToObj(Integer::toString).toList()),
        new NetCdfWriter.Dimension("band", 18, IntStream.range(0, 18).mapToObj(Integer::toString).toList()),
        new NetCdfWriter.Dimension("cal", 12, IntStream.range(0, 12).mapToObj(Integer::toString).toList()));
    NetCdfWriter.Variable v = new NetCdfWriter.Variable("response", List.of("station", "lag", "band", "cal"), r.values,
        Map.of("units", "ppm/(PgC/yr)", "long_name",
            "monthly mean CO2 at the station, lag months after a 1 PgC/yr flux during calendar month cal of 1990 in band"));
    NetCdfWriter.write(file, dims, List.of(v), Map.of("source", "models/ccdas/response.phl run by org.phloem.tests.ccdas.CcdasResponse"));
  }
}
