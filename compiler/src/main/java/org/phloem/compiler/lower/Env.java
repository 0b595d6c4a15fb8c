package org.phloem.compiler.lower;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.phloem.compiler.ast.FnDecl;
import org.phloem.compiler.ast.LetStmt;
import org.phloem.compiler.ast.LoopIndex;
import org.phloem.compiler.ir.Expr;

/**
 * What the names bound inside statements stand for while lowering: lets and loop indices map to the IR
 * locals of their current binding, and the arguments of the fn being inlined to their values. Keyed by
 * AST node identity; a node lowered again (a fn inlined a second time) is simply rebound.
 */
final class Env {
  final Map<LetStmt, String> lets = new IdentityHashMap<>();
  final Map<LoopIndex, String> loops = new IdentityHashMap<>();
  final Map<FnDecl, List<Expr>> args = new IdentityHashMap<>();
}
