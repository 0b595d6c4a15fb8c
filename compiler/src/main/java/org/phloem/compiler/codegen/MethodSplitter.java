package org.phloem.compiler.codegen;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.phloem.compiler.ir.Bodies;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.Stmt;

/**
 * Cuts a sweep whose code would exceed a byte budget into helper methods, so every method stays
 * small enough for HotSpot to compile (it interprets methods over 8,000 bytes) and far below the
 * JVM's 64 KB. Runs of consecutive statements become helpers; a loop or branch too large for one
 * method keeps its header where it is and has its body cut the same way, recursively; a method left
 * with too many calls has its calls grouped into further helpers. The statements themselves are not
 * changed or reordered, so the split code computes exactly what the whole method did.
 *
 * <p>Time-step loops are cut whatever the budget (when the emitter asks: in the plain sweeps): a loop whose body holds two or more loop nests (a
 * transport step: gradients, fluxes, convection, the update) keeps its header, and each nest becomes
 * a helper of its own, with the scalar statements before it. HotSpot then compiles each nest on its own
 * (the runtime asks it not to inline generated methods into each other, see
 * {@code org.phloem.runtime.SeparateSweepMethods}), with registers for that nest's arrays alone: the
 * 2-D transport's forward ran 11 % faster so and its gradient 16 % (tests/BENCHMARKS.md, session 11).
 */
final class MethodSplitter {
  private final int budget;
  private final String methodName;
  private final boolean nestMethods;
  /** What each helper (with its own helpers) touches, for the cost of calling it. */
  private final Map<Piece, UsedNames> uses = new IdentityHashMap<>();
  private int helpers;

  private MethodSplitter(int budget, String methodName, boolean nestMethods) {
    this.budget = budget;
    this.methodName = methodName;
    this.nestMethods = nestMethods;
  }

  /**
   * The method for {@code f}, named {@code methodName}: all of it inline when its estimated size fits
   * {@code budget} bytes and (with {@code nestMethods}) it holds no time-step loop, otherwise split into
   * helpers of about that size, a time-step loop's nests one helper each.
   */
  static Piece plan(IrFunction f, String methodName, int budget, boolean nestMethods) {
    UsedNames used = UsedNames.of(f.body());
    int prologue = 9 * (used.arrays.size() + used.dims.size()) + 4 * f.locals().size();
    MethodSplitter splitter = new MethodSplitter(budget, methodName, nestMethods);
    if (CodeSize.of(f.body()) + prologue <= budget && !splitter.holdsStepLoop(f.body())) {
      return new Piece(methodName, Piece.inline(f.body()));
    }
    return new Piece(methodName, splitter.split(f.body(), false));
  }

  /** A loop whose body holds two or more loop nests, directly or inside branches. */
  static boolean isStepLoop(Stmt s) {
    return s instanceof Stmt.For && ((Stmt.For) s).body().stream().filter(MethodSplitter::holdsLoop).count() >= 2;
  }

  /** Whether {@code s} is a loop or a branch with a loop in an arm. */
  private static boolean holdsLoop(Stmt s) {
    return s instanceof Stmt.For || Bodies.of(s).stream().flatMap(List::stream).anyMatch(MethodSplitter::holdsLoop);
  }

  /** Whether nests are cut and {@code block} has a time-step loop at any depth. */
  private boolean holdsStepLoop(List<Stmt> block) {
    return nestMethods && block.stream().anyMatch(MethodSplitter::holdsStepLoopAnywhere);
  }

  private static boolean holdsStepLoopAnywhere(Stmt s) {
    return isStepLoop(s) || Bodies.of(s).stream().flatMap(List::stream).anyMatch(MethodSplitter::holdsStepLoopAnywhere);
  }

  /**
   * The nodes of a method whose statements {@code block} do not fit in it whole (or hold a time-step
   * loop); in a time-step loop's body ({@code stepBody}) each run of statements ends with a nest.
   */
  private List<Piece.Node> split(List<Stmt> block, boolean stepBody) {
    List<Piece.Node> nodes = new ArrayList<>();
    List<Stmt> run = new ArrayList<>();
    UsedNames runUses = new UsedNames();
    int runCode = 0;
    for (Stmt s : block) {
      int size = CodeSize.of(s);
      if ((s instanceof Stmt.For || s instanceof Stmt.If) && (size > budget || holdsStepLoop(List.of(s)))) {
        outline(run, runUses, nodes);
        run = new ArrayList<>();
        runUses = new UsedNames();
        runCode = 0;
        nodes.add(open(s));
        continue;
      }
      UsedNames own = UsedNames.of(List.of(s));
      if (!run.isEmpty() && runCode + size + overhead(runUses) + growth(runUses, own) > budget) {
        outline(run, runUses, nodes);
        run = new ArrayList<>();
        runUses = new UsedNames();
        runCode = 0;
      }
      run.add(s);
      runUses.addAll(own);
      runCode += size;
      if (stepBody && holdsLoop(s)) {
        outline(run, runUses, nodes);
        run = new ArrayList<>();
        runUses = new UsedNames();
        runCode = 0;
      }
    }
    outline(run, runUses, nodes);
    return regroup(nodes);
  }

  /** What a helper holding code that touches {@code u} adds to that code: entry loads, exit stores, arguments. */
  private static int overhead(UsedNames u) {
    return CodeSize.FRAME_LOCAL * u.locals.size() + CodeSize.ARRAY * (u.arrays.size() + u.dims.size());
  }

  /** What adding code that touches {@code more} to a helper touching {@code u} adds to its overhead. */
  private static int growth(UsedNames u, UsedNames more) {
    int locals = 0;
    for (String l : more.locals) {
      locals += u.locals.contains(l) ? 0 : 1;
    }
    int arrays = 0;
    for (String a : more.arrays) {
      arrays += u.arrays.contains(a) ? 0 : 1;
    }
    return CodeSize.FRAME_LOCAL * locals + CodeSize.ARRAY * arrays;
  }

  /** Makes the statements of {@code run} (if any) a helper and adds the call to {@code nodes}. */
  private void outline(List<Stmt> run, UsedNames runUses, List<Piece.Node> nodes) {
    if (!run.isEmpty()) {
      nodes.add(call(Piece.inline(run), runUses));
    }
  }

  private Piece.Node call(List<Piece.Node> body, UsedNames used) {
    Piece helper = new Piece(methodName + "$" + (++helpers), body);
    uses.put(helper, used);
    return new Piece.Call(helper);
  }

  /** A loop or branch too large for one method: its header stays, its body is split. */
  private Piece.Node open(Stmt s) {
    if (s instanceof Stmt.For) {
      Stmt.For f = (Stmt.For) s;
      if (nestMethods && isStepLoop(f)) {
        return new Piece.Loop(f, split(f.body(), true));
      }
      return new Piece.Loop(f, arm(f.body()));
    }
    Stmt.If i = (Stmt.If) s;
    return new Piece.Branch(i, arm(i.then()), arm(i.otherwise()));
  }

  /** The body of an opened loop or branch: inline when it is no bigger than the call it would become. */
  private List<Piece.Node> arm(List<Stmt> body) {
    if (CodeSize.of(body) <= Math.min(CodeSize.CALL, budget / 8) && !holdsStepLoop(body)) {
      return Piece.inline(body);
    }
    return split(body, false);
  }

  /**
   * Groups consecutive nodes into helpers while the method holding them is over budget (thousands of
   * statements make hundreds of calls). Stops when no group holds more than one node.
   */
  private List<Piece.Node> regroup(List<Piece.Node> nodes) {
    while (cost(nodes) > budget) {
      List<Piece.Node> grouped = new ArrayList<>();
      List<Piece.Node> group = new ArrayList<>();
      int groupCost = 0;
      for (Piece.Node n : nodes) {
        int c = cost(n);
        if (!group.isEmpty() && groupCost + c > budget) {
          close(group, grouped);
          group = new ArrayList<>();
          groupCost = 0;
        }
        group.add(n);
        groupCost += c;
      }
      close(group, grouped);
      if (grouped.size() >= nodes.size()) {
        break;
      }
      nodes = grouped;
    }
    return nodes;
  }

  private void close(List<Piece.Node> group, List<Piece.Node> out) {
    if (group.size() == 1) {
      out.add(group.get(0));
      return;
    }
    UsedNames used = new UsedNames();
    group.forEach(n -> used.addAll(uses(n)));
    out.add(call(group, used));
  }

  private UsedNames uses(Piece.Node n) {
    return Piece.uses(List.of(n), uses::get);
  }

  private int cost(List<Piece.Node> nodes) {
    int n = 0;
    for (Piece.Node node : nodes) {
      n += cost(node);
    }
    return n;
  }

  /** The bytes a node adds to the method holding it (a call: not its helper's body). */
  private int cost(Piece.Node n) {
    if (n instanceof Piece.Inline) {
      return CodeSize.of(((Piece.Inline) n).stmt());
    } else if (n instanceof Piece.Call) {
      UsedNames u = uses.get(((Piece.Call) n).helper());
      return CodeSize.CALL + CodeSize.LOCAL * (u.arrays.size() + u.dims.size());
    } else if (n instanceof Piece.Loop) {
      return CodeSize.loopHeader(((Piece.Loop) n).loop()) + cost(((Piece.Loop) n).body());
    }
    Piece.Branch b = (Piece.Branch) n;
    return CodeSize.of(b.branch().cond()) + 3 + cost(b.then()) + cost(b.otherwise());
  }
}
