package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.phloem.compiler.ad.Ir.*;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Stmt;

/**
 * {@link JoinedBodies} on random loop bodies (those of {@link ConstantLocalsPropertiesTest}): a first
 * body ending in a branch, and a second that sets the first's first local again and branches on the same
 * condition (as a reverse observation loop does after the forward one), run as one loop body, compute
 * the same bits as the two bodies one after the other, whether or not the first branch writes what the
 * condition reads. Fails when a branch joins one whose code changed its condition, or when an assignment
 * is dropped as a repeat after what it reads was written.
 */
class JoinedBodiesPropertiesTest {
  private static final List<String> LOOP = List.of("j0");

  record Bodies(List<Stmt> first, List<Stmt> second) {}

  @Provide
  Arbitrary<Bodies> bodies() {
    Arbitrary<List<Stmt>> block = ConstantLocalsPropertiesTest.block(1, LOOP);
    return Combinators.combine(block, ConstantLocalsPropertiesTest.cond(LOOP), block, block, block, block)
        .as((prefix, c, a1, a2, b1, b2) -> {
          List<Stmt> first = new ArrayList<>(prefix);
          first.add(when(c, a1, a2));
          List<Stmt> second = new ArrayList<>();
          second.add(prefix.get(0)); // set again, as the reverse sweep sets its locals again
          second.add(when(c, b1, b2));
          return new Bodies(first, second);
        });
  }

  @Property(tries = 300)
  void joinedBodies_computeTheSameBits(@ForAll("bodies") Bodies b) {
    List<Stmt> apart = new ArrayList<>(b.first());
    apart.addAll(b.second());
    ConstantLocalsPropertiesTest.assertSameBits(ConstantLocalsPropertiesTest.wrap(List.of(loop("j0", c(0), c(4), apart.toArray(new Stmt[0])))),
        ConstantLocalsPropertiesTest.wrap(List.of(loop("j0", c(0), c(4), JoinedBodies.join(b.first(), b.second()).toArray(new Stmt[0])))));
  }

  /** The reverse observation loop's shape: the second body's repeats dropped, its branch joined to the first's. */
  @Example
  void observationShape_isOneBranch() {
    Cond missing = new Cond.IsNaN(v("c0"));
    List<Stmt> first = List.of(set("c0", at("in", i("j0"))), when(missing, List.of(store("A", i("j0"), n(0))),
        List.of(set("x1", mul(v("c0"), v("x0"))), set("x2", add(v("x2"), v("x1"))))));
    List<Stmt> second = List.of(set("c0", at("in", i("j0"))), when(missing, List.of(),
        List.of(set("x1", mul(v("c0"), v("x0"))), store("A", i("j0"), v("x1")))));
    List<Stmt> joined = JoinedBodies.join(first, second);
    assertEquals(2, joined.size(), joined.toString());
    assertEquals(List.of(set("x1", mul(v("c0"), v("x0"))), set("x2", add(v("x2"), v("x1"))), store("A", i("j0"), v("x1"))),
        ((Stmt.If) joined.get(1)).otherwise());
  }
}
