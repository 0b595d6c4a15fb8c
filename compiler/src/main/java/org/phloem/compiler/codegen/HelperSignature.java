package org.phloem.compiler.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of a helper method outlined from a sweep: the frames, every array it (or a helper it
 * calls) indexes, the tape and the dim sizes, so that it loads nothing from fields. A helper that
 * would need more than {@link ClassEmitter#MAX_HELPER_ARGUMENTS} argument slots takes only the frames
 * and the sweep's own array arguments, and loads the rest from the model's fields as the sweep's
 * method does: HotSpot's C2 cannot compile a method (nor a call to it) whose arguments do not fit its
 * register masks, about 54 reference arguments on x86-64, and then runs it as C1 code, 1.5x slower
 * (DALEC's gradient helper took 56 arguments; see tests/BENCHMARKS.md, launch-to-launch spread).
 *
 * @param realFrame whether it takes the {@code double[]} frame
 * @param intFrame whether it takes the {@code int[]} frame
 * @param arrays the arrays it takes, in order
 * @param tape whether it takes the tape
 * @param dims the dims whose sizes it takes, in order
 */
record HelperSignature(boolean realFrame, boolean intFrame, List<String> arrays, boolean tape, List<String> dims) {
  HelperSignature {
    arrays = List.copyOf(arrays);
    dims = List.copyOf(dims);
  }

  /** The signature of a helper that touches {@code used}, in a sweep with {@code frame} and array arguments {@code sweepArguments}. */
  static HelperSignature of(UsedNames used, FrameLayout frame, List<String> sweepArguments) {
    boolean reals = frame.reals() > 0;
    boolean ints = frame.ints() > 0;
    HelperSignature all = new HelperSignature(reals, ints, new ArrayList<>(used.arrays), used.tape, new ArrayList<>(used.dims));
    if (all.slots() <= ClassEmitter.MAX_HELPER_ARGUMENTS) {
      return all;
    }
    List<String> passed = new ArrayList<>();
    for (String a : used.arrays) {
      if (sweepArguments.contains(a)) {
        passed.add(a); // not in the model's fields
      }
    }
    return new HelperSignature(reals, ints, passed, false, List.of());
  }

  /** Argument slots, {@code this} included. */
  int slots() {
    return 1 + (realFrame ? 1 : 0) + (intFrame ? 1 : 0) + arrays.size() + (tape ? 1 : 0) + dims.size();
  }

  String descriptor() {
    StringBuilder d = new StringBuilder("(");
    d.append(realFrame ? "[D" : "").append(intFrame ? "[I" : "");
    d.append("[D".repeat(arrays.size()));
    d.append(tape ? "L" + MethodEmitter.TAPE + ";" : "");
    d.append("I".repeat(dims.size()));
    return d.append(")V").toString();
  }
}
