package org.phloem.tests.scalebench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.ModelLayout;
import org.phloem.tests.support.Repo;

/**
 * The hourly BETHY site model ({@code scalebench/bethy_hourly.phl}, a test resource that includes the
 * real models/bethy/ parameters and photosynthesis, so it is compiled as if it stood in models/bethy/)
 * bound to {@link HourlyForcing}'s table.
 */
final class HourlyBethy {
  private HourlyBethy() {}

  /** The model text. */
  static String text() throws IOException {
    try (InputStream in = HourlyBethy.class.getClassLoader().getResourceAsStream("scalebench/bethy_hourly.phl")) {
      if (in == null) {
        throw new IllegalStateException("missing test resource scalebench/bethy_hourly.phl");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Compiles the model with derivatives. */
  static Compilation compile() throws Exception {
    return Pipeline.compile("bethy_hourly.phl", text(), Repo.model("bethy"), true);
  }

  /** Writes {@code years} years of hourly forcing under {@code root} and binds the model to it. */
  static GeneratedModel load(Compilation c, Path root, int years) throws Exception {
    return (GeneratedModel) c.bind(HourlyForcing.write(root, years));
  }

  /** The bytes of every array the model instance indexes (inputs included), from its layout and dim sizes. */
  static long arrayBytes(GeneratedModel m) {
    long total = 0;
    for (ModelLayout.ArraySlot slot : m.layout().arrays()) {
      long n = 1;
      for (String dim : slot.dims()) {
        n *= m.info().dims().stream().filter(d -> d.name().equals(dim)).findFirst().orElseThrow().size();
      }
      total += 8 * n;
    }
    return total;
  }
}
