package org.phloem.compiler.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.phloem.compiler.ast.Block;
import org.phloem.compiler.ast.FnDecl;
import org.phloem.compiler.ast.Ident;
import org.phloem.compiler.ast.IfStmt;
import org.phloem.compiler.ast.ReturnStmt;
import org.phloem.compiler.ast.Stmt;
import org.phloem.compiler.diag.ErrorKind;

/**
 * Checks fns: arguments, bodies (pure: only let, if, return), that a block body returns on every path,
 * and, once every body has been read, that no fn calls itself directly or through others.
 */
final class FnChecker {
  private final CheckContext ctx;
  private final ExprChecker exprs;
  private final StmtChecker stmts;

  FnChecker(CheckContext ctx, ExprChecker exprs, StmtChecker stmts) {
    this.ctx = ctx;
    this.exprs = exprs;
    this.stmts = stmts;
  }

  /** Checks one fn's arguments and body. */
  void check(FnDecl f, Scope globals) {
    Scope scope = globals.child();
    List<Ident> params = f.params();
    for (int i = 0; i < params.size(); i++) {
      Ident p = params.get(i);
      if (scope.define(p.name(), new Ref.ArgRef(f, i), p.span()) != null) {
        ctx.error(ErrorKind.DUPLICATE_ARGUMENT, p.span(), f.name().name(), p.name());
      }
    }
    if (f.body() != null) {
      exprs.number(f.body(), scope, f);
      return;
    }
    stmts.block(f.block(), scope, new StmtChecker.Place(f, false, false));
    if (!alwaysReturns(f.block())) {
      ctx.error(ErrorKind.MISSING_RETURN, f.name().span(), f.name().name());
    }
  }

  /** True when every path through the block ends in a return. */
  static boolean alwaysReturns(Block b) {
    for (Stmt s : b.statements()) {
      if (s instanceof ReturnStmt) {
        return true;
      }
      if (s instanceof IfStmt) {
        IfStmt i = (IfStmt) s;
        if (i.otherwise() != null && alwaysReturns(i.then()) && alwaysReturns(i.otherwise())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Reports each cycle in the call graph once, at the call that starts it in its first fn. */
  void checkRecursion(List<FnDecl> fns) {
    Set<FnDecl> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    for (FnDecl f : fns) {
      if (reported.contains(f)) {
        continue;
      }
      for (CheckContext.CallSite first : ctx.calls.getOrDefault(f, List.of())) {
        List<FnDecl> path = new ArrayList<>();
        Set<FnDecl> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (reaches(first.callee(), f, path, seen)) {
          reported.add(f);
          reported.addAll(path);
          String through = "";
          if (!path.isEmpty() && path.get(0) != f) {
            List<String> names = new ArrayList<>();
            for (FnDecl p : path) {
              if (p != f) {
                names.add("'" + p.name().name() + "'");
              }
            }
            through = " through " + String.join(", ", names);
          }
          ctx.error(ErrorKind.RECURSION, first.at(), f.name().name(), through);
          break;
        }
      }
    }
  }

  /** True when {@code from} is {@code target} or calls it; {@code path} gets the fns on the way. */
  private boolean reaches(FnDecl from, FnDecl target, List<FnDecl> path, Set<FnDecl> seen) {
    if (from == target) {
      return true;
    }
    if (!seen.add(from)) {
      return false;
    }
    path.add(from);
    for (CheckContext.CallSite c : ctx.calls.getOrDefault(from, List.of())) {
      if (reaches(c.callee(), target, path, seen)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    return false;
  }
}
