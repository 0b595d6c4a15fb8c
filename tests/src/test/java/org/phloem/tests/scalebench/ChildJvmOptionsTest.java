package org.phloem.tests.scalebench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.tests.support.Repo;

/** The benchmarks' child JVMs run with the launcher's options: the same huge-page rule as {@code phloem}. */
class ChildJvmOptionsTest {
  @TempDir Path dir;

  @Test
  void hugePagesAreAskedForOnlyWhereTheKernelGivesThemOnRequest() throws Exception {
    assertEquals(List.of("-Xss16m", "-XX:+UseTransparentHugePages"), optionsFor("always [madvise] never\n"));
    assertEquals(List.of("-Xss16m"), optionsFor("[always] madvise never\n"), "with 'always' the kernel uses them anyway");
    assertEquals(List.of("-Xss16m"), optionsFor("always madvise [never]\n"));
    assertEquals(List.of("-Xss16m"), ChildJvm.launcherOptions(dir.resolve("absent")), "no such setting: no flag");
  }

  @Test
  void theLauncherAppliesTheSameRule() throws Exception {
    String launcher = Files.readString(Repo.root().resolve("phloem"));
    assertTrue(launcher.contains("/sys/kernel/mm/transparent_hugepage/enabled"), "the launcher reads the kernel's setting");
    assertTrue(launcher.contains("grep -q '\\[madvise\\]'"), "the launcher asks only under madvise");
    assertTrue(launcher.contains("java_opts+=(-XX:+UseTransparentHugePages)"), "the launcher adds the flag");
  }

  private List<String> optionsFor(String setting) throws Exception {
    Path file = dir.resolve("enabled");
    Files.writeString(file, setting);
    return ChildJvm.launcherOptions(file);
  }
}
