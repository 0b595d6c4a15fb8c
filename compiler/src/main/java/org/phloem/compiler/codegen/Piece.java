package org.phloem.compiler.codegen;

import java.util.List;
import java.util.function.Function;
import org.phloem.compiler.ir.Stmt;

/**
 * One generated method of a split sweep: the sweep's own method (the root) or a private helper
 * outlined from it. Its body is a list of {@link Node}s: statements emitted inline, calls to further
 * helpers, and loops or branches whose bodies were split.
 *
 * @param name the method's name
 * @param body what the method does, in order
 */
record Piece(String name, List<Node> body) {
  Piece {
    body = List.copyOf(body);
  }

  /** What a piece's body is made of. */
  sealed interface Node permits Inline, Call, Loop, Branch {}

  /** A statement emitted as it is, in this method. */
  record Inline(Stmt stmt) implements Node {}

  /** A call to an outlined helper. */
  record Call(Piece helper) implements Node {}

  /** A loop whose header stays in this method and whose body was split. */
  record Loop(Stmt.For loop, List<Node> body) implements Node {
    Loop {
      body = List.copyOf(body);
    }
  }

  /** A branch whose condition stays in this method and whose arms were split. */
  record Branch(Stmt.If branch, List<Node> then, List<Node> otherwise) implements Node {
    Branch {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }

  /**
   * What {@code nodes} touch: their own statements, loop headers and conditions, and for each call
   * what {@code ofHelper} says the helper touches (nothing when it returns null).
   */
  static UsedNames uses(List<Node> nodes, Function<Piece, UsedNames> ofHelper) {
    UsedNames u = new UsedNames();
    for (Node n : nodes) {
      if (n instanceof Inline) {
        u.stmt(((Inline) n).stmt());
      } else if (n instanceof Call) {
        UsedNames h = ofHelper.apply(((Call) n).helper());
        if (h != null) {
          u.addAll(h);
        }
      } else if (n instanceof Loop) {
        u.loopHeader(((Loop) n).loop());
        u.addAll(uses(((Loop) n).body(), ofHelper));
      } else {
        Branch b = (Branch) n;
        u.cond(b.branch().cond());
        u.addAll(uses(b.then(), ofHelper));
        u.addAll(uses(b.otherwise(), ofHelper));
      }
    }
    return u;
  }

  /** Every statement of {@code stmts}, inline. */
  static List<Node> inline(List<Stmt> stmts) {
    return stmts.stream().<Node>map(Inline::new).toList();
  }
}
