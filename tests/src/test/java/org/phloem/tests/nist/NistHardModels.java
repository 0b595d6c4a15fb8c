package org.phloem.tests.nist;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;

/**
 * Six NIST StRD problems of higher difficulty that models/nist does not ship (MGH10, BoxBOD, Eckerle4,
 * Rat43, Bennett5, Thurber), as test resources under {@code nist-hard/}: a model per problem, the data
 * and NIST's certified values in the same tidy layout as the shipped ones. Phloem's fitting was not
 * tuned on them; they test whether its verdict is ever wrong on problems it has not seen.
 */
public final class NistHardModels {
  private NistHardModels() {}

  /** The folder holding the models. */
  public static Path folder() {
    try {
      return Path.of(NistHardModels.class.getResource("/nist-hard/mgh10.phl").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The data root of the models (with {@code nist/certified.csv} and {@code nist/problems.csv}). */
  public static Path dataRoot() {
    return folder().resolve("data");
  }

  /** The problems with their certified values. */
  public static List<NistProblem> problems() {
    return NistReference.load(dataRoot());
  }

  /** The model of {@code problem}, compiled with derivatives and bound to its data. */
  public static CompiledModel compiled(NistProblem problem) {
    try {
      Compilation c = Pipeline.compile(folder().resolve(problem.modelFileName()), true);
      return c.bind(dataRoot());
    } catch (Exception e) {
      throw new AssertionError("nist-hard/" + problem.modelFileName() + " does not compile or bind:\n" + e.getMessage(), e);
    }
  }
}
