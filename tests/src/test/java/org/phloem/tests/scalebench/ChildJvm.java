package org.phloem.tests.scalebench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a benchmark program in a fresh JVM with its own heap limit (so a heap budget can be tested by
 * whether the program completes under it) on this JVM's class path, and collects its {@code RESULT}
 * lines as key/value maps.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * What a child run gave.
   *
   * @param command the command line (for the record)
   * @param exitCode the process's exit code
   * @param results the {@code RESULT key=value ...} lines, parsed
   * @param outOfMemory whether it died of an {@link OutOfMemoryError}
   */
  public record Run(List<String> command, int exitCode, List<Map<String, String>> results, boolean outOfMemory, List<String> output) {
    /** The first result line of a kind (and matching key=value pairs), or null. */
    public Map<String, String> first(String kind, String... match) {
      for (Map<String, String> r : results) {
        boolean ok = kind.equals(r.get("kind"));
        for (int k = 0; ok && k < match.length; k += 2) {
          ok = match[k + 1].equals(r.get(match[k]));
        }
        if (ok) {
          return r;
        }
      }
      return null;
    }

    /** Every result line of a kind. */
    public List<Map<String, String>> all(String kind) {
      return results.stream().filter(r -> kind.equals(r.get("kind"))).toList();
    }
  }

  /**
   * The JVM options every child gets besides its heap limit: the launcher's ({@code phloem}). Generated
   * methods are split below HotSpot's size limit, so {@code -XX:-DontCompileHugeMethods} is not needed.
   */
  public static final List<String> JVM_OPTIONS = List.of("-Xss16m");

  /** Runs {@code mainClass} with {@code -Xmx<heapMb>m} and {@code args}; echoes its output when {@code echo}. */
  public static Run run(Class<?> mainClass, int heapMb, List<String> args, boolean echo) throws IOException, InterruptedException {
    return run(mainClass, heapMb, List.of(), args, echo);
  }

  /** As {@link #run(Class, int, List, boolean)}, with {@code jvmOptions} after the launcher's. */
  public static Run run(Class<?> mainClass, int heapMb, List<String> jvmOptions, List<String> args, boolean echo)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heapMb + "m");
    command.addAll(JVM_OPTIONS);
    command.addAll(jvmOptions);
    String repo = System.getProperty("phloem.repo");
    if (repo != null) {
      command.add("-Dphloem.repo=" + repo);
    }
    String data = System.getProperty("phloem.data");
    if (data != null) {
      command.add("-Dphloem.data=" + data);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    List<Map<String, String>> results = new ArrayList<>();
    boolean oom = false;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        output.add(line);
        if (echo) {
          System.out.println("  | " + line);
        }
        if (line.startsWith("RESULT ")) {
          results.add(parse(line.substring(7)));
        }
        oom |= line.contains("OutOfMemoryError");
      }
    }
    return new Run(command, process.waitFor(), results, oom, output);
  }

  static Map<String, String> parse(String fields) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String f : fields.trim().split("\\s+")) {
      int eq = f.indexOf('=');
      out.put(f.substring(0, eq), f.substring(eq + 1));
    }
    return out;
  }
}
