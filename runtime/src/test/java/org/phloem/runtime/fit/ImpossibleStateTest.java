package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A saved fit state whose values are impossible (a zero L-BFGS memory that a resumed fit would divide
 * by, a negative iteration, an infinite cost, two billion Newton steps, line-search constants outside
 * (0, 1)) is refused with the file's line, before any of it is used.
 */
class ImpossibleStateTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "lbfgs-options [^\\n]*|lbfgs-options 0 1000 5000 1e-8 1e-10 1e-13 1e-4 0.9 30|outside 1 to 1000",
      "\\niteration [^\\n]*|\\niteration -5|outside 0 to",
      "\\ncost [^\\n]*|\\ncost Infinity|must be a finite number",
      "\\ncost [^\\n]*|\\ncost NaN|must be a finite number",
      "newton [^\\n]*|newton 2000000000 200|outside 0 to 10000",
      "lbfgs-options [^\\n]*|lbfgs-options 10 1000 5000 1e-8 1e-10 1e-13 1e-4 1.5 30|strictly between",
      "lbfgs-options [^\\n]*|lbfgs-options 10 1000 5000 -1e-8 1e-10 1e-13 1e-4 0.9 30|cannot be negative",
      "\\nx ([^ \\n]*)|\\nx 1e999|must be a finite number",
      "\\nevaluations [^\\n]*|\\nevaluations -1|outside 0 to"})
  void anImpossibleValue_isRefusedWithItsLine(String pattern, String replacement, String expected) {
    List<FitState> saved = new ArrayList<>();
    FitOptions options = FitOptions.defaults().withMethod(FitOptions.Method.LBFGS).withCheckpoint(saved::add);
    Fitter.fit(TestModels.mixed(), options);
    String text = FitStateFile.format(saved.get(2));
    String damaged = text.replaceFirst(pattern, replacement.replace("\\n", "\n"));
    assertTrue(!damaged.equals(text), "the damage applies: " + pattern);
    FitException e = assertThrows(FitException.class, () -> FitStateFile.parse(damaged, "s.txt"));
    assertTrue(e.getMessage().startsWith("s.txt, line ") && e.getMessage().contains(expected), e.getMessage());
  }
}
