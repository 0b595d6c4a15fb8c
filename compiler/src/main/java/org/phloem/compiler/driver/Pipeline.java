package org.phloem.compiler.driver;

import java.nio.file.Path;
import org.phloem.compiler.ad.AutoDiff;
import org.phloem.compiler.check.CheckedModel;
import org.phloem.compiler.check.Frontend;
import org.phloem.compiler.codegen.LoadedModel;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.lower.Lowering;

/**
 * The whole compiler as one short function, stage by stage, each stage's product kept so that
 * {@code phloem compile --emit} can print any of them.
 */
public final class Pipeline {
  private Pipeline() {}

  /** Compiles the model file at {@code modelFile}: forward model and, unless told not to, its derivatives. */
  public static Compilation compile(Path modelFile, boolean derivatives) throws CompileException {
    CheckedModel checked = Frontend.analyze(modelFile);
    return fromChecked(checked, derivatives);
  }

  /** Compiles model text (tests, the random-program generator). */
  public static Compilation compile(String displayName, String text, Path folder, boolean derivatives) throws CompileException {
    return fromChecked(Frontend.analyze(displayName, text, folder), derivatives);
  }

  private static Compilation fromChecked(CheckedModel checked, boolean derivatives) {
    IrProgram forward = Lowering.lower(checked);
    IrProgram program = derivatives ? AutoDiff.differentiate(forward) : forward;
    LoadedModel loaded = LoadedModel.load(program);
    return new Compilation(checked, forward, program, loaded);
  }
}
