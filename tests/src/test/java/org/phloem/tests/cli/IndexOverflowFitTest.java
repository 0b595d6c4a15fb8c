package org.phloem.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.tests.support.Repo;

/**
 * {@code phloem fit} on NIST's Misra1a with its read {@code x[i]} written as
 * {@code x[i + (i+65536)*65536 - i*65536]}: the true value is i + 2^32, out of range, which int
 * arithmetic wraps back to i, so the fit used to run to the certified values without a word. It must
 * stop with exit 1, say that the index arithmetic overflowed, name the operation, its values, file, line
 * and column, and print no stack trace.
 */
class IndexOverflowFitTest {
  @TempDir Path dir;

  @Test
  void overflowingIndex_stopsTheFitWithAPositionedMessage() throws Exception {
    Path original = Repo.model("nist/misra1a.phl");
    String text = Files.readString(original);
    assertTrue(text.contains("  fit[i] = b1 * (1 - exp(-b2 * x[i]))\n"), "misra1a.phl changed; update this test");
    Path model = dir.resolve("ov.phl");
    Files.writeString(model, text.replace("x[i]))", "x[i + (i+65536)*65536 - i*65536]))"));
    Captured r = Captured.run("fit", model.toString(), "--data", Repo.dataRoot(original).toString(), "--no-plots", "--out",
        dir.resolve("out").toString());
    assertEquals(1, r.exit(), r.all());
    assertFalse(r.all().contains("\tat ") || r.all().contains("Exception") || r.all().contains("internal error"), r.all());
    assertTrue(r.err().contains("The model's index arithmetic overflowed"), r.all());
    // (i+65536)*65536 at i = 0 is 2^32: the first operation that leaves int, at line 16, column 38
    assertTrue(r.err().contains("ov.phl, line 16, column 38: '(i+65536)*65536' is 65536 * 65536 = 4294967296, at i = 0"), r.all());
    assertTrue(r.err().contains("  fit[i] = b1 * (1 - exp(-b2 * x[i + (i+65536)*65536 - i*65536]))"), r.all());
    assertFalse(r.out().contains("CONVERGED"), r.all());
  }
}
