package org.phloem.compiler.check;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.phloem.compiler.ast.ArrayDecl;
import org.phloem.compiler.ast.Decl;
import org.phloem.compiler.ast.DimDecl;
import org.phloem.compiler.ast.Expr;
import org.phloem.compiler.ast.Node;
import org.phloem.compiler.diag.Diagnostic;
import org.phloem.compiler.diag.Diagnostics;
import org.phloem.compiler.diag.ErrorKind;
import org.phloem.compiler.source.Span;

/**
 * What the checking passes share: the error collector, the globals, and the side tables they fill
 * (keyed by node identity) that become the {@link CheckedModel}.
 */
final class CheckContext {
  final Diagnostics diagnostics;
  final Globals globals;
  final ConstEvaluator constants;
  final Map<Node, Ref> refs = new IdentityHashMap<>();
  final Map<Expr, Type> types = new IdentityHashMap<>();
  final Map<Expr, UnitValue> units = new IdentityHashMap<>();
  final Map<Decl, Unit> declUnits = new IdentityHashMap<>();
  /** The resolved dims of each value declaration; absent when one of its dims is in error. */
  final Map<ArrayDecl, List<DimDecl>> dims = new IdentityHashMap<>();

  /** A call of a fn from inside another fn's body: the edges of the call graph. */
  record CallSite(org.phloem.compiler.ast.FnDecl callee, Span at) {}

  /** For each fn, the fns its body calls, in order; checked for recursion once all bodies are read. */
  final Map<org.phloem.compiler.ast.FnDecl, List<CallSite>> calls = new IdentityHashMap<>();

  CheckContext(Diagnostics diagnostics, Globals globals) {
    this.diagnostics = diagnostics;
    this.globals = globals;
    this.constants = new ConstEvaluator(globals, diagnostics);
  }

  void error(ErrorKind kind, Span span, Object... args) {
    diagnostics.error(kind, span, args);
  }

  void hinted(ErrorKind kind, Span span, String hint, Object... args) {
    Diagnostic d = Diagnostic.of(kind, span, args);
    diagnostics.add(hint == null ? d : d.withHint(hint));
  }

  /** The unit a declaration was given, as a unit value (unknown when it has none). */
  UnitValue unitOf(Decl d) {
    return UnitValue.of(declUnits.get(d));
  }
}
