package org.phloem.compiler.driver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.phloem.compiler.ast.Expr;
import org.phloem.compiler.ast.IndexExpr;
import org.phloem.compiler.ast.InputDecl;
import org.phloem.compiler.ast.NameExpr;
import org.phloem.compiler.ast.ObserveStmt;
import org.phloem.compiler.ast.Stmt;
import org.phloem.compiler.check.CheckedModel;
import org.phloem.compiler.check.Ref;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ObservationInfo;

/**
 * The input that holds the observed values of each {@code observe} statement, for a twin experiment to
 * replace. An observation qualifies when its observed value is an input read plainly at the statement's
 * own indices, in order ({@code observe nee[d] ~ normal(nee_syn[d], 0.5) for d in day}, or a scalar
 * input with no indices): then element e of the observation array is element e of the input.
 */
final class ObservedInputs {
  private ObservedInputs() {}

  /**
   * One observe statement and its input.
   *
   * @param observation index into {@link ModelInfo#observations()}
   * @param input the input's name
   * @param dims the input's dims (the statement's loop dims)
   */
  record Entry(int observation, String input, List<String> dims) {}

  /**
   * The inputs of every observe statement of {@code checked}, in the order of {@code info.observations()}.
   *
   * @throws UserErrors.UserException when a statement's observed value is not such an input, or two
   *     statements observe the same input (the message names the line)
   */
  static List<Entry> find(CheckedModel checked, ModelInfo info) throws UserErrors.UserException {
    List<ObserveStmt> statements = new ArrayList<>();
    for (Stmt s : checked.statements()) {
      if (s instanceof ObserveStmt o) {
        statements.add(o);
      }
    }
    List<ObservationInfo> observations = info.observations();
    if (statements.size() != observations.size()) {
      throw new IllegalStateException(statements.size() + " observe statements but " + observations.size() + " observations");
    }
    if (statements.isEmpty()) {
      throw new UserErrors.UserException(checked.mainFile().displayPath() + ": the model has no observe statement, so "
          + "there is nothing to make synthetic observations for");
    }
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < statements.size(); k++) {
      ObserveStmt o = statements.get(k);
      if (o.span().startLine() != observations.get(k).line()) {
        throw new IllegalStateException("observe statement " + k + " is on line " + o.span().startLine()
            + " but its observation on line " + observations.get(k).line());
      }
      InputDecl input = plainInput(checked, o);
      String where = "line " + o.span().startLine() + " (observe " + observations.get(k).label() + ")";
      if (input == null) {
        throw new UserErrors.UserException(where + ": a twin experiment replaces the observed values, so they must be "
            + "an input read at the statement's own indices in order, e.g. observe nee[d] ~ normal(nee_obs[d], 0.5) "
            + "for d in day");
      }
      if (!seen.add(input.name().name())) {
        throw new UserErrors.UserException(where + ": input " + input.name().name() + " is observed by another observe "
            + "statement too; give each observation its own input");
      }
      entries.add(new Entry(k, input.name().name(), input.dims().stream().map(d -> d.name()).toList()));
    }
    return entries;
  }

  /** The input read by {@code o}'s observed value at exactly its loop indices, or null. */
  private static InputDecl plainInput(CheckedModel checked, ObserveStmt o) {
    Expr observed = o.observed();
    List<Expr> indices = observed instanceof IndexExpr ix ? ix.indices() : List.of();
    if (!(observed instanceof IndexExpr || observed instanceof NameExpr) || indices.size() != o.indices().size()) {
      return null;
    }
    if (!(checked.ref(observed) instanceof Ref.DeclRef d) || !(d.decl() instanceof InputDecl input)
        || input.dims().size() != indices.size()) {
      return null;
    }
    for (int i = 0; i < indices.size(); i++) {
      if (!(indices.get(i) instanceof NameExpr n) || !(checked.ref(n) instanceof Ref.LoopRef loop)
          || loop.index() != o.indices().get(i)) {
        return null;
      }
    }
    return input;
  }
}
