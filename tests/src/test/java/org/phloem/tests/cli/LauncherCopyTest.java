package org.phloem.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.tests.support.Repo;

/**
 * The {@code ./phloem} launcher runs a command from a copy of the build, so that a later build (another
 * {@code ./phloem} after a {@code git pull}) cannot rewrite the jars under a JVM that is still running: a
 * CCDAS fit died at its end with exit 3 (NoClassDefFoundError) when that happened. The script runs here in a
 * scratch checkout with a stand-in {@code mvn} (which "builds" by writing a jar holding a version word) and a
 * stand-in {@code java} (which prints the class path it was given and the version in its first entry).
 */
class LauncherCopyTest {

  @TempDir Path dir;

  @Test
  void aRebuild_leavesTheCopyAnEarlierCommandRunsFrom_untouched() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
    Path checkout = dir.resolve("checkout");
    Path jar = checkout.resolve("compiler/target/compiler-0.1.0-SNAPSHOT.jar");
    Path source = checkout.resolve("compiler/src/main/java/Example.java");
    Files.createDirectories(source.getParent());
    Files.createDirectories(checkout.resolve("compiler/target/lib"));
    Files.createDirectories(checkout.resolve("grammar"));
    Files.createDirectories(checkout.resolve("runtime"));
    Files.copy(Repo.root().resolve("phloem"), checkout.resolve("phloem"));
    executable(checkout.resolve("phloem"));
    Files.writeString(checkout.resolve("pom.xml"), "<project/>");
    Files.writeString(source, "class Example {}");
    Files.writeString(checkout.resolve("compiler/target/lib/runtime.jar"), "runtime");
    Files.writeString(jar, "build-1");
    Files.setLastModifiedTime(source, FileTime.from(Instant.now().minusSeconds(60)));
    Files.setLastModifiedTime(checkout.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(60)));

    Path bin = Files.createDirectories(dir.resolve("bin"));
    // mvn -q -B -DskipTests -pl compiler -am package, run from the checkout: the new build
    script(bin.resolve("mvn"), "echo build-2 > compiler/target/compiler-0.1.0-SNAPSHOT.jar\n");
    // java ... -cp CLASSPATH ...: the class path, then what its first jar holds
    script(bin.resolve("java"), "while [ \"$1\" != -cp ]; do shift; done\necho \"$2\"\ncat \"${2%%:*}\"\n");

    List<String> first = launch(checkout, bin);
    String firstJar = first.get(0).split(":")[0];
    assertTrue(firstJar.startsWith(checkout.resolve("compiler/target/launch").toString()), "runs from a copy: " + first);
    assertEquals("build-1", first.get(1), "the copy holds the build it was made from");
    assertEquals(firstJar, launch(checkout, bin).get(0).split(":")[0], "the same build, the same copy (not one per command)");

    Files.writeString(source, "class Example { int changed; }");
    Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(5)));
    List<String> second = launch(checkout, bin);
    String secondJar = second.get(0).split(":")[0];
    assertNotEquals(firstJar, secondJar, "a new build gets a new copy");
    assertEquals("build-2", second.get(1), "the new command runs the new build");
    assertEquals("build-1", Files.readString(Path.of(firstJar)).strip(), "the earlier command's copy is untouched by the rebuild");
    assertTrue(Files.exists(Path.of(firstJar).getParent().resolve("lib/runtime.jar")), "with its libraries");
  }

  private static List<String> launch(Path checkout, Path bin) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("/bin/bash", checkout.resolve("phloem").toString(), "--version").redirectErrorStream(false);
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    pb.environment().put("TMPDIR", checkout.toString());
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher ends");
    assertEquals(0, p.exitValue(), err);
    return new String(out, StandardCharsets.UTF_8).lines().toList();
  }

  private static void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/bash\n" + body);
    executable(file);
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
