package org.phloem.runtime.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.OutputInfo;

/**
 * Checks a compiled model's derivatives at a point (physical units) against finite differences and
 * against each other. What is checked is the model's own observation cost and outputs: the prior and
 * the search-space transforms are the runtime's and are tested with it.
 *
 * <p>Step rule: slot i has a typical magnitude sᵢ from its value and bounds ({@link #typicalMagnitude}),
 * never from its prior sd (a vague prior, sd 1e6, says nothing of the scale on which the model
 * changes); the central-difference step is hᵢ = ε^⅓·sᵢ (ε the machine epsilon, so truncation and
 * rounding errors balance), shrunk to half the distance to a bound so the model is never evaluated
 * outside its bounds.
 * Random directions are vᵢ = uᵢ·sᵢ with uᵢ uniform in (−1, 1). A relative error is measured against
 * max(|reference|, |checked|, noise), noise = 100·ε·|J|/h being the rounding level of the difference,
 * so derivatives that are zero up to rounding are not flagged.
 *
 * <p>The gradient and output checks use Ridders' extrapolation ({@link Ridders}), which also estimates
 * how far each finite difference can be trusted. An entry is flagged only when its error exceeds the
 * tolerance <em>and</em> the gap between the derivative code and the difference is larger than ten times
 * that estimate: a wrong derivative is caught, while the rounding error of a parameter whose effect on
 * the cost is tiny (a turnover rate of 2e-6 per day) is not mistaken for one.
 *
 * <p>A row that still disagrees is examined with one-sided differences ({@link Kinks}): when the slope
 * changes within the stencil and the derivative code agrees with the side the point is on, the row is a
 * {@link NonSmooth#KINK} (min, max, abs, a ramp): noted, not a failure. When the function itself jumps
 * at the point, the row stays a failure marked {@link NonSmooth#JUMP}, which names the model as the cause.
 */
public final class ModelCheck {

  static final double EPS = Math.ulp(1.0);
  static final double CBRT_EPS = Math.cbrt(EPS);
  /** Ridders' first step, relative to the typical magnitude (or direction length). */
  static final double RIDDERS_START = 1e-3;

  private ModelCheck() {}

  /** Runs every check at {@code p}. */
  public static CheckReport run(CompiledModel model, double[] p, CheckOptions options) {
    ModelInfo info = model.info();
    int n = p.length;
    double[] scale = typicalMagnitudes(info, p);
    double[] lo = info.lowerBounds();
    double[] hi = info.upperBounds();
    double[] g = new double[n];
    double j0 = model.gradient(p, g);
    g = g.clone();
    List<String> names = info.slotNames();

    List<GradientRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double h = CBRT_EPS * scale[i];
      double room = Math.min(p[i] - lo[i], hi[i] - p[i]);
      if (room > 0 && h > 0.5 * room) {
        h = 0.5 * room;
      }
      final int slot = i;
      double start = Math.min(RIDDERS_START * scale[i], room > 0 ? 0.5 * room : Double.POSITIVE_INFINITY);
      Ridders.Result r = Ridders.derivative(t -> new double[] {model.cost(shiftedSlot(p, slot, t))}, start);
      double fd = r.derivative()[0];
      double noise = 100 * EPS * Math.abs(j0) / h;
      double err = relative(g[i], fd, noise);
      boolean flagged = !(err <= options.gradientTolerance()) && !(Math.abs(g[i] - fd) <= 10 * r.error()[0]);
      NonSmooth found = NonSmooth.NONE;
      if (!(err <= options.gradientTolerance())) { // also when within Ridders' error: that may be a jump
        found = nonSmooth(Kinks.examine(t -> new double[] {model.cost(shiftedSlot(p, slot, t))}, new double[] {g[i]},
            new boolean[] {true}, start, true), false);
        flagged = found == NonSmooth.JUMP || (flagged && found != NonSmooth.KINK);
      }
      rows.add(new GradientRow(names.get(i), p[i], start, g[i], fd, err, flagged, found));
    }

    List<DirectionRow> dirs = new ArrayList<>();
    Random random = new Random(options.seed());
    for (int d = 1; d <= options.directions(); d++) {
      double[] v = awayFromBounds(direction(random, scale), p, lo, hi, scale);
      double h = Math.min(CBRT_EPS, 0.5 * roomAlong(p, v, lo, hi));
      dirs.add(tangentVsAdjoint(model, p, g, v, d, options));
      dirs.add(outputsVsFiniteDifferences(model, p, v, h, d, options));
      dirs.add(hessianVsFiniteDifferences(model, p, g, j0, v, h, d, options));
    }
    return new CheckReport(info.name(), rows, dirs, options);
  }

  /** Runs every check at the prior means (the start of a fit). */
  public static CheckReport atPriorMeans(CompiledModel model, CheckOptions options) {
    return run(model, model.info().priorMeans(), options);
  }

  private static DirectionRow tangentVsAdjoint(CompiledModel model, double[] p, double[] g, double[] v, int d, CheckOptions options) {
    double tangent = model.tangent(p, v);
    double adjoint = 0;
    double magnitude = 0;
    for (int i = 0; i < v.length; i++) {
      adjoint += g[i] * v[i];
      magnitude += Math.abs(g[i] * v[i]);
    }
    // measured against Σ|gᵢvᵢ|, so cancellation in the sum cannot make an exact agreement look bad
    double err = relative(adjoint, tangent, Math.max(magnitude, Double.MIN_NORMAL));
    return new DirectionRow("tangent·adjoint", d, adjoint, tangent, err, !(err <= options.tangentTolerance()));
  }

  private static DirectionRow outputsVsFiniteDifferences(CompiledModel model, double[] p, double[] v, double h, int d, CheckOptions options) {
    List<OutputInfo> outs = model.info().outputs();
    List<Integer> chosen = new ArrayList<>();
    for (int k = 0; k < outs.size(); k++) {
      if (outs.get(k).role() == OutputInfo.Role.OUTPUT || outs.get(k).role() == OutputInfo.Role.OBSERVATION_MODEL) {
        chosen.add(k);
      }
    }
    model.tangent(p, v);
    List<double[]> tangents = new ArrayList<>();
    for (int k : chosen) {
      tangents.add(model.outputTangent(k).clone());
    }
    double start = Math.min(RIDDERS_START, 0.5 * roomAlong(p, v, model.info().lowerBounds(), model.info().upperBounds()));
    Ridders.Result r = Ridders.derivative(t -> concat(outputsAt(model, shifted(p, v, t), chosen)), start);
    double[] values = concat(outputsAt(model, p, chosen));
    double[] tangent = concat(tangents);
    double worst = 0;
    double worstRef = 0;
    double worstActual = 0;
    int worstAt = -1;
    boolean flagged = false;
    boolean[] bads = new boolean[tangent.length];
    boolean[] suspect = new boolean[tangent.length]; // above tolerance, perhaps within Ridders' error
    for (int e = 0; e < tangent.length; e++) {
      double t = tangent[e];
      double fd = r.derivative()[e];
      if (Double.isNaN(values[e]) || Double.isNaN(t) || Double.isNaN(fd)) {
        continue;
      }
      // v moves every parameter by about its typical magnitude: a change of the output smaller than
      // 1e-8 of its value along v is zero as far as finite differences can tell.
      double noise = Math.max(100 * EPS * Math.abs(values[e]) / h, 1e-8 * Math.abs(values[e]));
      double err = relative(fd, t, noise);
      // A state summed over hundreds of steps carries rounding of about 1e-13 of its value per step, which
      // the exact tangent does not see: gaps below 1e-9 of the value are that rounding, not a wrong rule.
      boolean bad = !(err <= options.outputTolerance()) && !(Math.abs(t - fd) <= 10 * r.error()[e])
          && !(Math.abs(t - fd) <= 1e-9 * Math.abs(values[e]));
      suspect[e] = !(err <= options.outputTolerance()) && !(Math.abs(t - fd) <= 1e-9 * Math.abs(values[e]));
      // Report the worst element that fails, or else the worst element.
      if ((bad && !flagged) || (bad == flagged && err > worst) || (worst == 0 && worstRef == 0)) {
        worst = err;
        worstRef = fd;
        worstActual = t;
        worstAt = e;
      }
      flagged |= bad;
      bads[e] = bad;
    }
    String label = worstAt < 0 ? "outputs (worst)" : "output " + elementName(model.info(), chosen, worstAt);
    NonSmooth found = NonSmooth.NONE;
    if (flagged) {
      found = nonSmooth(Kinks.examine(t -> concat(outputsAt(model, shifted(p, v, t), chosen)), tangent, bads, start, false), false);
      flagged = found != NonSmooth.KINK;
    } else if (any(suspect)) {
      // within Ridders' own error: a kink is worth a note, a jump is a failure of the model
      found = nonSmooth(Kinks.examine(t -> concat(outputsAt(model, shifted(p, v, t), chosen)), tangent, suspect, start, false), false);
      flagged = found == NonSmooth.JUMP;
    }
    return new DirectionRow(label, d, worstRef, worstActual, worst, flagged, found);
  }

  private static DirectionRow hessianVsFiniteDifferences(CompiledModel model, double[] p, double[] g, double j0, double[] v, double h, int d,
      CheckOptions options) {
    int n = p.length;
    double[] hv = new double[n];
    model.hessianVector(p, v, hv);
    double[] gp = new double[n];
    double[] gm = new double[n];
    model.gradient(shifted(p, v, h), gp);
    model.gradient(shifted(p, v, -h), gm);
    double diff = 0;
    double refNorm = 0;
    double hvNorm = 0;
    double gNorm = 0;
    for (int i = 0; i < n; i++) {
      double fd = (gp[i] - gm[i]) / (2 * h);
      diff += (fd - hv[i]) * (fd - hv[i]);
      refNorm += fd * fd;
      hvNorm += hv[i] * hv[i];
      gNorm += g[i] * g[i];
    }
    double noise = 100 * EPS * Math.max(Math.sqrt(gNorm), Math.abs(j0)) / h;
    double err = Math.sqrt(diff) / Math.max(Math.max(Math.sqrt(refNorm), Math.sqrt(hvNorm)), Math.max(noise, Double.MIN_NORMAL));
    boolean flagged = !(err <= options.hessianTolerance());
    NonSmooth found = NonSmooth.NONE;
    if (flagged) {
      // a cost that jumps along v is the model's fault; one whose slope jumps (a kink) is noted
      double gv = 0;
      for (int i = 0; i < n; i++) {
        gv += g[i] * v[i];
      }
      if (Kinks.examine(t -> new double[] {model.cost(shifted(p, v, t))}, new double[] {gv}, new boolean[] {true}, h, true)
          == Kinks.Finding.JUMP) {
        found = NonSmooth.JUMP;
      } else {
        boolean[] all = new boolean[n];
        java.util.Arrays.fill(all, true);
        found = nonSmooth(Kinks.examine(t -> {
          double[] gt = new double[n];
          model.gradient(shifted(p, v, t), gt);
          return gt;
        }, hv, all, h, true), true);
      }
      flagged = found != NonSmooth.KINK;
    }
    return new DirectionRow("hessian·v (norm)", d, Math.sqrt(refNorm), Math.sqrt(hvNorm), err, flagged, found);
  }

  /**
   * The finding as reported. For a gradient (the Hessian-vector check differences gradients) a kink of
   * the cost is a jump: both are the cost's kink.
   */
  static NonSmooth nonSmooth(Kinks.Finding f, boolean ofGradient) {
    return switch (f) {
      case NONE -> NonSmooth.NONE;
      case KINK -> NonSmooth.KINK;
      case JUMP -> ofGradient ? NonSmooth.KINK : NonSmooth.JUMP;
    };
  }

  /** "nee[day=17]" for flat position {@code at} of the concatenated outputs {@code chosen}. */
  private static String elementName(ModelInfo info, List<Integer> chosen, int at) {
    for (int k : chosen) {
      OutputInfo o = info.outputs().get(k);
      if (at < o.size()) {
        return o.dims().isEmpty() ? o.name() : o.name() + "[" + info.elementLabel(o.dims(), at) + "]";
      }
      at -= o.size();
    }
    return "?";
  }

  private static boolean any(boolean[] a) {
    for (boolean b : a) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  private static double[] shiftedSlot(double[] p, int i, double t) {
    double[] q = p.clone();
    q[i] += t;
    return q;
  }

  private static double[] concat(List<double[]> parts) {
    int n = 0;
    for (double[] a : parts) {
      n += a.length;
    }
    double[] out = new double[n];
    int at = 0;
    for (double[] a : parts) {
      System.arraycopy(a, 0, out, at, a.length);
      at += a.length;
    }
    return out;
  }

  private static List<double[]> outputsAt(CompiledModel model, double[] p, List<Integer> chosen) {
    model.cost(p);
    List<double[]> out = new ArrayList<>();
    for (int k : chosen) {
      out.add(model.output(k).clone());
    }
    return out;
  }

  static double[] shifted(double[] p, double[] v, double t) {
    double[] q = p.clone();
    for (int i = 0; i < p.length; i++) {
      q[i] += t * v[i];
    }
    return q;
  }

  /** A random direction: vᵢ = uᵢ·sᵢ, uᵢ uniform in (−1, 1), sᵢ the typical magnitudes. */
  static double[] direction(Random random, double[] scale) {
    double[] v = new double[scale.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (2 * random.nextDouble() - 1) * scale[i];
    }
    return v;
  }

  /**
   * {@code v} without the components of slots that sit on a bound, closer to it than a central difference's
   * step (CBRT_EPS times the slot's scale): along v the room to that bound would shrink every difference to
   * that distance (1e-11 for a slot a fit left on its bound, as in a restart from a fit's parameters.csv) and
   * rounding would swamp it. Such a slot's own gradient row still checks it; a fit holds it on the bound.
   * Unchanged when every component would go.
   */
  static double[] awayFromBounds(double[] v, double[] p, double[] lo, double[] hi, double[] scale) {
    double[] w = v.clone();
    boolean any = false;
    for (int i = 0; i < w.length; i++) {
      if (Math.min(p[i] - lo[i], hi[i] - p[i]) < CBRT_EPS * scale[i]) {
        w[i] = 0;
      }
      any |= w[i] != 0;
    }
    return any ? w : v;
  }

  /** The largest t with p ± t·v inside the bounds (Infinity when unbounded). */
  static double roomAlong(double[] p, double[] v, double[] lo, double[] hi) {
    double t = Double.POSITIVE_INFINITY;
    for (int i = 0; i < p.length; i++) {
      if (v[i] != 0) {
        t = Math.min(t, Math.min(p[i] - lo[i], hi[i] - p[i]) / Math.abs(v[i]));
      }
    }
    return t;
  }

  static double[] typicalMagnitudes(ModelInfo info, double[] p) {
    double[] lo = info.lowerBounds();
    double[] hi = info.upperBounds();
    double[] s = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      s[i] = typicalMagnitude(p[i], lo[i], hi[i]);
    }
    return s;
  }

  /**
   * The scale on which a parameter's effect is differenced: |p| when p ≠ 0; at p = 0, the smallest of
   * 1, a tenth of the bounds' width and the distance to a finite non-zero bound. Not the prior sd: a
   * vague prior (sd 1e6 on a value of 0) would give steps of about 6 and differences of nothing local.
   */
  static double typicalMagnitude(double p, double lo, double hi) {
    if (p != 0) {
      return Math.abs(p);
    }
    double s = 1;
    if (Double.isFinite(lo) && Double.isFinite(hi) && hi > lo) {
      s = Math.min(s, 0.1 * (hi - lo));
    }
    if (Double.isFinite(lo) && lo != 0) {
      s = Math.min(s, Math.abs(lo));
    }
    if (Double.isFinite(hi) && hi != 0) {
      s = Math.min(s, Math.abs(hi));
    }
    return s;
  }

  static double relative(double reference, double actual, double floor) {
    double diff = Math.abs(reference - actual);
    if (diff == 0) {
      return 0;
    }
    return diff / Math.max(Math.max(Math.abs(reference), Math.abs(actual)), floor);
  }
}
