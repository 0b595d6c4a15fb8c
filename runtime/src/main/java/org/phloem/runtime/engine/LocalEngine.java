package org.phloem.runtime.engine;

import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.multistart.MultiStart;
import org.phloem.runtime.multistart.MultiStartOptions;
import org.phloem.runtime.multistart.MultiStartResult;
import org.phloem.runtime.multistart.StartProgress;
import org.phloem.runtime.parallel.SiteSum;

/** This JVM's cores: sites on a fork/join pool ({@link SiteSum}), starts on a thread pool ({@link MultiStart}). */
public final class LocalEngine implements Engine {
  private final int threads;

  /** An engine running {@code threads} units at once (0: one per core). */
  public LocalEngine(int threads) {
    this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  @Override
  public String description() {
    return "local, " + threads + " thread" + (threads == 1 ? "" : "s");
  }

  @Override
  public CompiledModel siteSum(ModelCode code, List<BoundData> sites, List<String> labels) {
    List<CompiledModel> models = new ArrayList<>();
    for (BoundData d : sites) {
      models.add(code.bind(d));
    }
    return SiteSum.of(models, labels, threads);
  }

  @Override
  public MultiStartResult multiStart(CompiledModel model, PortableModel portable, FitOptions base, MultiStartOptions options,
      StartProgress progress) {
    return MultiStart.run(model, base, options, progress);
  }

  @Override
  public void close() {
    // the pools are the site sums' and the multi-start's own
  }

  /** Registers the local engine with {@link Engines}. */
  public static final class Provider implements EngineProvider {
    @Override
    public String name() {
      return Engines.LOCAL;
    }

    @Override
    public Engine open(String master, int threads) {
      if (master != null) {
        throw new EngineException("--master is for --engine spark; the local engine runs in this JVM");
      }
      return new LocalEngine(threads);
    }
  }
}
