package org.phloem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * Runs the body of every JMH benchmark once (default suite, seconds), so that a benchmark that no longer
 * compiles its model or throws is caught by {@code mvn test}, not by the next benchmark run. The list
 * comes from the annotation processor's META-INF/BenchmarkList, so a new benchmark is covered without
 * being registered here; each @Param takes its first value.
 */
class BenchmarkSmokeTest {
  private final Map<Class<?>, Object> states = new HashMap<>();

  private static List<BenchmarkListEntry> entries() throws Exception {
    try (InputStream in = BenchmarkSmokeTest.class.getClassLoader().getResourceAsStream(BenchmarkList.BENCHMARK_LIST.substring(1))) {
      assertNotNull(in, "no " + BenchmarkList.BENCHMARK_LIST + ": the JMH annotation processor did not run in test-compile");
      return BenchmarkList.readBenchmarkList(in);
    }
  }

  @Test
  void benchmarkList_holdsEveryBenchmarkClass() throws Exception {
    Set<String> classes = new TreeSet<>();
    for (BenchmarkListEntry e : entries()) {
      classes.add(e.getUserClassQName());
    }
    for (Class<?> c : List.of(CompileBenchmark.class, DalecBenchmark.class, SitesBenchmark.class)) {
      assertTrue(classes.contains(c.getName()), c.getSimpleName() + " missing from " + classes);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyBenchmark_runsOnce() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (BenchmarkListEntry e : entries()) {
      tests.add(DynamicTest.dynamicTest(e.getUsername(), () -> runOnce(e)));
    }
    return tests.stream();
  }

  private void runOnce(BenchmarkListEntry entry) throws Exception {
    Class<?> type = Class.forName(entry.getUserClassQName());
    Object state = states.computeIfAbsent(type, BenchmarkSmokeTest::prepared);
    String name = entry.getUsername().substring(entry.getUserClassQName().length() + 1);
    Method method = type.getMethod(name);
    assertNotNull(method.getAnnotation(Benchmark.class), name);
    Object result = method.invoke(state);
    assertNotNull(result, name + " returned nothing for JMH to consume");
    if (result instanceof Double) {
      assertTrue(Double.isFinite((Double) result), name + " returned " + result);
    } else if (result instanceof double[]) {
      for (double v : (double[]) result) {
        assertTrue(Double.isFinite(v), name + " returned a non-finite element");
      }
    }
  }

  /** A benchmark state with each @Param at its first value and its @Setup methods run. */
  private static Object prepared(Class<?> type) {
    try {
      Object state = type.getConstructor().newInstance();
      for (Field f : type.getFields()) {
        Param param = f.getAnnotation(Param.class);
        if (param != null) {
          String value = param.value()[0];
          f.set(state, f.getType() == int.class ? (Object) Integer.parseInt(value) : value);
        }
      }
      for (Method m : type.getMethods()) {
        if (m.getAnnotation(Setup.class) != null) {
          m.invoke(state);
        }
      }
      return state;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot prepare " + type.getSimpleName(), e);
    }
  }
}
