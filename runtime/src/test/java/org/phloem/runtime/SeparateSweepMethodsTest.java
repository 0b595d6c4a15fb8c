package org.phloem.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The JIT directive that keeps generated methods from being inlined into each other is in place in
 * this JVM (HotSpot 17, as Phloem requires) after {@link SeparateSweepMethods#install}, as the JVM
 * itself lists it ({@code jcmd <pid> Compiler.directives_print}), for both compilers.
 */
class SeparateSweepMethodsTest {
  @Test
  void install_putsTheDirectiveInPlace_onceForBothCompilers() throws Exception {
    assertTrue(SeparateSweepMethods.install(), "the directive was not added");
    assertTrue(SeparateSweepMethods.install(), "a second call reports the directive in place");
    String listed = String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
        new Object[] {null}, new String[] {String[].class.getName()}));
    assertTrue(listed.contains("matching: org/phloem/generated/*.*"), listed);
    int first = listed.indexOf("matching: org/phloem/generated/*.*");
    String ours = listed.substring(first, listed.indexOf("Directive:", first + 1) < 0 ? listed.length() : listed.indexOf("Directive:", first + 1));
    assertTrue(ours.split("inline: -org/phloem/generated/\\*\\.\\*", -1).length == 3, "c1 and c2 both: " + ours);
    assertTrue(listed.split("matching: org/phloem/generated/", -1).length == 2, "added once: " + listed);
  }
}
