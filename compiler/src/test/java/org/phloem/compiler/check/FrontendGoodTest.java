package org.phloem.compiler.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phloem.compiler.ast.AssignStmt;
import org.phloem.compiler.ast.BinaryExpr;
import org.phloem.compiler.ast.ConstDecl;
import org.phloem.compiler.ast.DimDecl;
import org.phloem.compiler.ast.Expr;
import org.phloem.compiler.ast.ForStmt;
import org.phloem.compiler.ast.IndexExpr;
import org.phloem.compiler.ast.LetStmt;
import org.phloem.compiler.ast.NameExpr;
import org.phloem.compiler.ast.ParamDecl;
import org.phloem.compiler.ast.ReduceExpr;
import org.phloem.compiler.ast.Stmt;
import org.phloem.compiler.diag.CompileException;

/** Every model in {@code frontend/good} passes the front end, and what it works out is right. */
class FrontendGoodTest {
  static final Path GOOD = Path.of("src/test/resources/frontend/good");

  /** The model files: good/*.phl and good/&lt;dir&gt;/*.phl (deeper files are only included). */
  static Stream<Path> models() throws IOException {
    try (Stream<Path> s = Files.walk(GOOD, 2)) {
      return s.filter(p -> p.toString().endsWith(".phl")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void analyze_goodModel_passes(Path model) {
    try {
      Frontend.analyze(model);
    } catch (CompileException e) {
      fail("expected no errors in " + model + ", got:\n" + e.getMessage());
    }
  }

  @Test
  void analyze_sdbm_resolvesDimsPriorsAndReferences() throws Exception {
    CheckedModel m = Frontend.analyze(GOOD.resolve("sdbm.phl"));
    assertEquals("sdbm", m.name());
    DimDecl month = (DimDecl) m.lookup("month");
    assertEquals(12, m.fixedSize(month));
    assertEquals(-1, m.fixedSize((DimDecl) m.lookup("cell")));

    ParamDecl eps = (ParamDecl) m.lookup("eps");
    ParamPrior prior = m.prior(eps);
    assertArrayEquals(new double[] {1.1}, prior.mean());
    assertArrayEquals(new double[] {0.3}, prior.sd());
    assertEquals(0.05, prior.lower());
    assertEquals(5, prior.upper());
    assertFalse(prior.log());
    assertEquals("gC/MJ", m.unit(eps).toString());
    assertEquals(List.of(m.lookup("cell")), m.dimsOf((ParamDecl) m.lookup("beta")));

    // npp[c, m] = eps * fpar[c, m] * par[c, m]: names resolve, indices are indices of their dims.
    ForStmt first = (ForStmt) m.statements().get(0);
    AssignStmt npp = (AssignStmt) first.body().statements().get(0);
    assertSame(m.lookup("npp"), ((Ref.DeclRef) m.ref(npp)).decl());
    BinaryExpr product = (BinaryExpr) npp.value();
    IndexExpr par = (IndexExpr) product.right();
    assertSame(m.lookup("par"), ((Ref.DeclRef) m.ref(par)).decl());
    Ref.LoopRef c = (Ref.LoopRef) m.ref(par.indices().get(0));
    assertSame(m.lookup("cell"), c.dim());
    assertEquals(Type.indexOf((DimDecl) m.lookup("month")), m.type(par.indices().get(1)));
    assertEquals(Type.REAL, m.type(npp.value()));
    assertNull(m.unit(npp.value()), "fpar has no unit, so the product's unit is not known");
    ForStmt third = (ForStmt) m.statements().get(2);
    AssignStmt co2 = (AssignStmt) third.body().statements().get(0);
    assertTrue(m.unit(co2.value()).sameAs(m.unit(m.lookup("co2"))));
    assertEquals("ppm", m.unit(co2.value()).toString());
  }

  @Test
  void analyze_sdbm_letsAndReductionsResolve() throws Exception {
    CheckedModel m = Frontend.analyze(GOOD.resolve("sdbm.phl"));
    ForStmt second = (ForStmt) m.statements().get(1);
    LetStmt annual = (LetStmt) second.body().statements().get(0);
    ReduceExpr sum = (ReduceExpr) annual.value();
    IndexExpr body = (IndexExpr) sum.body();
    assertSame(sum.indices().get(0), ((Ref.LoopRef) m.ref(body.indices().get(1))).index());
    ForStmt inner = (ForStmt) second.body().statements().get(2);
    AssignStmt nep = (AssignStmt) inner.body().statements().get(0);
    Expr lhs = ((BinaryExpr) nep.value()).left();
    assertInstanceOf(IndexExpr.class, lhs);
    // ... / annual_q: the let is what the name refers to
    BinaryExpr division = (BinaryExpr) ((BinaryExpr) nep.value()).right();
    NameExpr annualQ = (NameExpr) division.right();
    assertSame(second.body().statements().get(1), ((Ref.LetRef) m.ref(annualQ)).let());
  }

  @Test
  void analyze_dalec_mergesIncludesInPlaceAndEvaluatesConsts() throws Exception {
    CheckedModel m = Frontend.analyze(GOOD.resolve("dalec/dalec.phl"));
    // include "common/acm.phl" is the first item after `model`: its dim comes first.
    assertEquals("coef", m.declarations().get(0).name().name());
    assertEquals("daylength", m.functions().get(0).name().name());
    assertEquals("acm", m.functions().get(1).name().name());
    ConstDecl a = (ConstDecl) m.lookup("a");
    assertArrayEquals(new double[] {2.155, 0.0142, 217.9, 0.980, 0.155, 2.653, 4.309, 0.060, 1.062,
        0.0006}, m.constValue(a).values());
    assertFalse(m.constValue(a).integer());
    assertEquals(3, m.constValue((ConstDecl) m.lookup("n_years")).intValue());
    assertTrue(m.prior((ParamDecl) m.lookup("p1")).log());
    assertEquals("common/acm.phl", m.lookup("acm").span().file().displayPath().replaceFirst(".*dalec/", ""));
    Stmt last = m.statements().get(m.statements().size() - 1);
    assertInstanceOf(org.phloem.compiler.ast.ObserveStmt.class, last);
  }

  @Test
  void analyze_everyConstruct_typesIndicesAndInts() throws Exception {
    CheckedModel m = Frontend.analyze(GOOD.resolve("every_construct.phl"));
    assertEquals(3, m.fixedSize((DimDecl) m.lookup("year")));
    assertEquals(0.5, m.constValue((ConstDecl) m.lookup("half")).scalar());
    assertFalse(m.constValue((ConstDecl) m.lookup("half")).integer());
    assertEquals(2500.5 + 1e-6, m.constValue((ConstDecl) m.lookup("big")).scalar(), 1e-12);
    ParamPrior vm = m.prior((ParamDecl) m.lookup("vm"));
    assertArrayEquals(new double[] {60, 90, 41}, vm.mean());
    assertArrayEquals(new double[] {12, 18, 8.2}, vm.sd());
    assertTrue(m.prior((ParamDecl) m.lookup("b1")).flat());
    assertEquals(Double.NEGATIVE_INFINITY, m.prior((ParamDecl) m.lookup("b1")).lower());
    assertNull(m.unit(m.lookup("lai")));
  }
}
