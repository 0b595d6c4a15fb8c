package org.phloem.tests.ad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.phloem.compiler.ad.AutoDiff;
import org.phloem.compiler.ad.DerivativeRules;
import org.phloem.compiler.check.Frontend;
import org.phloem.compiler.codegen.LoadedModel;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.compiler.lower.Lowering;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.data.DataBinder;
import org.phloem.runtime.data.DataException;

/**
 * Compiles and binds generated model text. Generated models read no data (their dims are fixed and
 * their "observations" are consts), so they bind against an empty folder.
 *
 * @param model the bound model
 * @param classFile the generated class
 * @param text the model text it came from
 */
record Generated(CompiledModel model, byte[] classFile, String text) {
  private static final String NAME = "generated.phl";
  private static final Path EMPTY_FOLDER = emptyFolder();

  /** Compiles {@code text} the way Phloem does (standard derivative rules) and binds it. */
  static Generated compile(String text) throws CompileException, DataException {
    Compilation c = Pipeline.compile(NAME, text, EMPTY_FOLDER, true);
    return new Generated(c.bind(EMPTY_FOLDER), c.loaded().bytes(), text);
  }

  /** Compiles {@code text} differentiating with {@code rules} (a deliberately broken table, in tests). */
  static Generated compile(String text, DerivativeRules rules) throws CompileException, DataException {
    LoadedModel loaded = LoadedModel.load(AutoDiff.differentiate(Lowering.lower(Frontend.analyze(NAME, text, EMPTY_FOLDER)), rules));
    ModelLayout layout = loaded.layout();
    CompiledModel model = loaded.bind(DataBinder.bind(EMPTY_FOLDER, layout.tables(), layout.dims(), layout.inputs()));
    return new Generated(model, loaded.bytes(), text);
  }

  private static Path emptyFolder() {
    try {
      Path p = Files.createTempDirectory("phloem-generated");
      p.toFile().deleteOnExit();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
