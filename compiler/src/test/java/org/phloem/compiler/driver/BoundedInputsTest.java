package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs whose size or kind is known before reading are refused before reading (a device, a folder, a
 * file above the limit, a huge {@code --random}); invalid UTF-8 is reported with its line; Java Errors
 * are turned into sentences: running out of memory or stack is exit 1 with what to do, anything else
 * exit 3 with the report request.
 */
class BoundedInputsTest {
  @TempDir Path dir;

  @Test
  void compilingADevice_saysItIsADevice_beforeReadingIt() {
    Path zero = Path.of("/dev/zero");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
    Cli.Run r = Cli.run("compile", zero.toString());
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.err().contains("it is a device or special file, not a model file"), r.all());
  }

  @Test
  void compilingAFolder_saysItIsAFolder() {
    Cli.Run r = Cli.run("compile", dir.toString());
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.err().contains("it is a folder, not a model file"), r.all());
  }

  @Test
  void aModelAboveTheSizeLimit_isRefusedBeforeReading() throws Exception {
    Path big = dir.resolve("big.phl");
    try (var out = Files.newOutputStream(big)) {
      out.write(new byte[(int) org.phloem.runtime.data.TextFile.MAX_MODEL_BYTES + 1]);
    }
    Cli.Run r = Cli.run("compile", big.toString());
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.err().contains("a model file is at most 16.0 MB"), r.all());
  }

  @Test
  void invalidUtf8InAModel_isReportedOnItsLine() throws Exception {
    Path bad = dir.resolve("bad.phl");
    Files.write(bad, "model bad\noutput y\ny = 1 // caf\u00e9\n".replace("\u00e9", "X").getBytes());
    byte[] bytes = Files.readAllBytes(bad);
    bytes[bytes.length - 2] = (byte) 0xE9; // Latin-1 'é': not UTF-8
    Files.write(bad, bytes);
    Cli.Run r = Cli.run("compile", bad.toString());
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.err().contains("line 3, column 1") && r.err().contains("line 3 is not valid UTF-8"), r.all());
  }

  @Test
  void aDeviceAsParameterFile_isRefused() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
    Cli.Run r = Cli.run("run", Cli.misra1a(dir).toString(), "--data=" + Cli.data(), "--params", "/dev/zero");
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.err().contains("it is a device or special file, not a parameter file"), r.all());
  }

  @Test
  void aBillionRandomPoints_isABadOption_beforeCompiling() throws Exception {
    Cli.Run r = Cli.run("check", Cli.misra1a(dir).toString(), "--random", "1000000000");
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.err().contains("--random is at most 10000"), r.all());
  }

  @Test
  void outOfMemory_isExitOne_withTheHeapAndHowToRaiseIt() {
    StringWriter out = new StringWriter();
    int exit = UserErrors.reportError(new OutOfMemoryError("Java heap space"), new PrintWriter(out));
    assertEquals(1, exit);
    assertTrue(out.toString().contains("ran out of memory while") && out.toString().contains("PHLOEM_JAVA_OPTS=-Xmx"),
        out.toString());
    assertTrue(out.toString().contains("the Java heap is at most"), out.toString());
  }

  @Test
  void outOfMemoryWrappedByAThreadPool_isStillExitOne() {
    StringWriter out = new StringWriter();
    int exit = UserErrors.report(new RuntimeException(new java.util.concurrent.ExecutionException(
        new OutOfMemoryError("Java heap space"))), new PrintWriter(out));
    assertEquals(1, exit, out.toString());
  }

  @Test
  void stackOverflow_isExitOne_andAnyOtherError_isABug() {
    StringWriter out = new StringWriter();
    assertEquals(1, UserErrors.reportError(new StackOverflowError(), new PrintWriter(out)));
    assertTrue(out.toString().contains("ran out of stack"), out.toString());
    StringWriter bug = new StringWriter();
    assertEquals(3, UserErrors.reportError(new InternalError("boom"), new PrintWriter(bug)));
    assertTrue(bug.toString().contains("please report it"), bug.toString());
  }
}
