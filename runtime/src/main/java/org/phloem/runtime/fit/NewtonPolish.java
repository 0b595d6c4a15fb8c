package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Newton steps with the exact Hessian (n Hessian-vector products, Cholesky solve) started near an
 * optimum, as ADMB's {@code -hess_step}: a quasi-Newton method stalls on ill-conditioned problems
 * several digits short of the optimum; two or three Newton steps recover full accuracy.
 *
 * <p>Each step is d = −H⁻¹g, halved up to eight times until the cost decreases (or stays equal to
 * rounding while the gradient shrinks). The polish stops when the Hessian is not positive definite
 * (it is then not near a minimum and does nothing), when no step is accepted, when the gradient stops
 * shrinking at least twofold per step (rounding accuracy reached), or after {@code maxSteps}.
 */
public final class NewtonPolish {

  /** What the polish did. */
  public record Outcome(double[] x, double cost, double gradientNorm, int steps, int evaluations, List<IterationRecord> log,
      String stopReason) {
    public Outcome {
      x = x.clone();
      log = List.copyOf(log);
    }
  }

  private final int maxSteps;

  /** A polish of at most {@code maxSteps} Newton steps. */
  public NewtonPolish(int maxSteps) {
    this.maxSteps = maxSteps;
  }

  /** Polishes x0 as a minimizer of f (which must have Hessian-vector products). */
  public Outcome polish(Objective f, double[] x0, IterationListener listener) {
    int n = f.dimension();
    List<IterationRecord> log = new ArrayList<>();
    double[] x = x0.clone();
    double[] g = new double[n];
    double fx = f.valueAndGradient(x, g);
    double gnorm = Vectors.norm(g);
    int evaluations = 1;
    note(log, listener, 0, fx, gnorm, 0, evaluations);
    if (!Double.isFinite(fx) || !Vectors.allFinite(g)) {
      return new Outcome(x, fx, gnorm, 0, evaluations, log, "cost or gradient not finite at the start of the polish");
    }
    String reason = "step limit reached";
    int steps = 0;
    double[] d = new double[n];
    while (steps < maxSteps) {
      if (gnorm == 0) {
        reason = "gradient exactly zero";
        break;
      }
      DMatrixRMaj h = Hessians.ofObjective(f, x);
      evaluations += n;
      LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(n);
      if (!chol.setA(h)) {
        reason = "Hessian not positive definite (or singular) here";
        break;
      }
      DMatrixRMaj rhs = new DMatrixRMaj(n, 1);
      for (int i = 0; i < n; i++) {
        rhs.set(i, 0, -g[i]);
      }
      DMatrixRMaj sol = new DMatrixRMaj(n, 1);
      chol.solve(rhs, sol);
      for (int i = 0; i < n; i++) {
        d[i] = sol.get(i, 0);
      }
      if (!Vectors.allFinite(d)) {
        reason = "Hessian numerically singular here";
        break;
      }
      double[] xt = new double[n];
      double[] gt = new double[n];
      double ft = Double.NaN;
      double t = 1;
      boolean accepted = false;
      for (int halving = 0; halving <= 8 && !accepted; halving++, t *= 0.5) {
        Vectors.axpy(x, t, d, xt);
        ft = f.valueAndGradient(xt, gt);
        evaluations++;
        double roundingBand = 8 * Math.ulp(Math.abs(fx));
        accepted = Double.isFinite(ft) && Vectors.allFinite(gt)
            && (ft < fx || (ft <= fx + roundingBand && Vectors.norm(gt) < gnorm));
      }
      if (!accepted) {
        reason = "no Newton step lowered the cost (rounding accuracy reached)";
        break;
      }
      steps++;
      double stepLength = (t / 0.5) * Vectors.norm(d);
      double previous = gnorm;
      x = xt;
      g = gt;
      fx = ft;
      gnorm = Vectors.norm(g);
      note(log, listener, steps, fx, gnorm, stepLength, evaluations);
      if (gnorm > 0.5 * previous) {
        reason = "gradient no longer shrinking (rounding accuracy reached)";
        break;
      }
    }
    return new Outcome(x, fx, gnorm, steps, evaluations, log, reason);
  }

  private static void note(List<IterationRecord> log, IterationListener listener, int it, double f, double gnorm, double step, int evals) {
    IterationRecord r = new IterationRecord("newton", it, f, gnorm, step, evals);
    log.add(r);
    listener.onIteration(r);
  }
}
