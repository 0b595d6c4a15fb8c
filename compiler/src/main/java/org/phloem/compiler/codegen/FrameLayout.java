package org.phloem.compiler.codegen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.ScalarType;

/**
 * Where the scalar locals of a split sweep live between its methods. A local that one method alone
 * touches stays a JVM local of that method (starting at zero, as every local does), unless that method
 * is a helper called inside a loop and may read the local before writing it (its value must outlast
 * one call). Those, and every local touched by several methods, live in the sweep's frame: a
 * {@code double[]} and an {@code int[]} allocated once per model instance and zeroed when the sweep
 * starts. Each method still computes on JVM locals: it copies in at entry the frame locals it may read
 * before writing them (see {@link ExposedReads}), hands locals to a helper through the frame around
 * each call, and copies those it wrote back at exit, so inner loops keep their scalars in registers.
 */
final class FrameLayout {
  private final Piece root;
  private final List<Piece> pieces = new ArrayList<>();
  private final Map<Piece, UsedNames> direct = new IdentityHashMap<>();
  private final Map<Piece, UsedNames> transitive = new IdentityHashMap<>();
  private final Set<Piece> repeated = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Piece, Set<String>> exposed = new IdentityHashMap<>();
  private final Map<String, Integer> index = new HashMap<>();
  private int reals;
  private int ints;

  private FrameLayout(Piece root) {
    this.root = root;
  }

  /** The layout of the sweep {@code f} emitted as {@code root} and the helpers it calls. */
  static FrameLayout of(Piece root, IrFunction f) {
    FrameLayout layout = new FrameLayout(root);
    layout.visit(root, false);
    // the root reads the results after the body, to return them
    layout.direct.get(root).locals.addAll(f.results());
    for (Piece p : layout.pieces) {
      layout.transitive(p);
    }
    Map<Piece, ExposedReads.Result> reads = new IdentityHashMap<>();
    Map<String, Integer> touchedBy = new LinkedHashMap<>();
    for (Piece p : layout.pieces) {
      UsedNames own = layout.direct.get(p);
      ExposedReads.Result r = p == root ? new ExposedReads.Result(Set.of(), Set.of()) : ExposedReads.of(p, own, layout::transitive);
      reads.put(p, r);
      for (String local : own.locals) {
        // a helper run repeatedly that may read a local before writing it needs the value of its last run
        touchedBy.merge(local, layout.repeated.contains(p) && r.exposed().contains(local) ? 2 : 1, Integer::sum);
      }
    }
    for (Map.Entry<String, ScalarType> e : f.locals().entrySet()) {
      if (touchedBy.getOrDefault(e.getKey(), 0) >= 2) {
        layout.index.put(e.getKey(), e.getValue() == ScalarType.REAL ? layout.reals++ : layout.ints++);
      }
    }
    // A helper hands back at its exit every frame local it writes; one it may not have written (only in
    // a loop that did not run) must go back as it came, so it is read from the frame at entry too.
    for (Piece p : layout.pieces) {
      Set<String> exposed = new LinkedHashSet<>(reads.get(p).exposed());
      for (String local : layout.direct.get(p).written) {
        if (p != root && layout.inFrame(local) && !reads.get(p).surelyWritten().contains(local)) {
          exposed.add(local);
        }
      }
      layout.exposed.put(p, exposed);
    }
    return layout;
  }

  private void visit(Piece p, boolean calledRepeatedly) {
    pieces.add(p);
    direct.put(p, Piece.uses(p.body(), h -> null));
    if (calledRepeatedly) {
      repeated.add(p);
    }
    calls(p.body(), calledRepeatedly);
  }

  private void calls(List<Piece.Node> nodes, boolean inLoop) {
    for (Piece.Node n : nodes) {
      if (n instanceof Piece.Call) {
        visit(((Piece.Call) n).helper(), inLoop);
      } else if (n instanceof Piece.Loop) {
        calls(((Piece.Loop) n).body(), true);
      } else if (n instanceof Piece.Branch) {
        calls(((Piece.Branch) n).then(), inLoop);
        calls(((Piece.Branch) n).otherwise(), inLoop);
      }
    }
  }

  /** Every method of the sweep, the root first. */
  List<Piece> pieces() {
    return pieces;
  }

  Piece root() {
    return root;
  }

  /** True when the sweep is one method. */
  boolean whole() {
    return pieces.size() == 1;
  }

  /** What {@code p}'s own code touches (not its helpers'). */
  UsedNames direct(Piece p) {
    return direct.get(p);
  }

  /** What {@code p} touches with the helpers it calls, directly or not. */
  UsedNames transitive(Piece p) {
    UsedNames t = transitive.get(p);
    if (t == null) {
      t = Piece.uses(p.body(), this::transitive);
      t.addAll(direct.get(p));
      transitive.put(p, t);
    }
    return t;
  }

  /** The locals {@code p} may read before writing them: those it takes from the frame at entry. */
  Set<String> exposed(Piece p) {
    return exposed.get(p);
  }

  /** True when {@code local} lives in the frame. */
  boolean inFrame(String local) {
    return index.containsKey(local);
  }

  /** Its position in the frame of its type. */
  int index(String local) {
    return index.get(local);
  }

  /** Length of the {@code double[]} frame. */
  int reals() {
    return reals;
  }

  /** Length of the {@code int[]} frame. */
  int ints() {
    return ints;
  }
}
