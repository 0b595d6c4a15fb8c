package org.phloem.runtime.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dim after the data has been looked at: its size and how a dim column's cell finds its element.
 *
 * @param name the dim
 * @param size its number of elements
 * @param labels the element labels ("0".."N-1" when the data names none)
 * @param byLabel when true a dim column's cell is matched against {@code labels}; when false it is an
 *     integer index 0..size-1
 * @param labelSource where the labels came from, for messages ("" for index labels)
 */
record DimPlan(String name, int size, List<String> labels, boolean byLabel, String labelSource) {

  /** The element of a (canonical) label from a dim column, or -1 when it is not one of this dim's. */
  int elementOf(String label, Map<String, Integer> index) {
    if (!byLabel) {
      if (!Cells.isInteger(label)) {
        return -1;
      }
      long i = Long.parseLong(label);
      return i >= 0 && i < size ? (int) i : -1;
    }
    Integer e = index.get(label);
    // A label past the size: the table has more distinct labels than the dim's size (a fixed `dim d = N`
    // or another table sizes it); that disagreement is reported where the size was decided.
    return e == null || e >= size ? -1 : e;
  }

  /** label → element, for {@link #elementOf} (empty for index dims). */
  Map<String, Integer> labelIndex() {
    Map<String, Integer> m = new HashMap<>();
    if (byLabel) {
      for (int i = 0; i < labels.size(); i++) {
        m.put(labels.get(i), i);
      }
    }
    return m;
  }

  /** "0".."n-1", computed on demand so a large fixed dim costs nothing. */
  static List<String> indexLabels(int n) {
    return org.phloem.runtime.DimInfo.indexLabels(n);
  }

  /** Decides every dim's size and labels from the declarations and the resolved inputs. */
  static Map<String, DimPlan> resolve(List<DimSpec> dims, List<InputSpec> inputs, List<InputSource> sources,
      List<DimClaim> otherClaims, long maxElements, ProblemLog log) {
    Map<String, DimPlan> plans = new HashMap<>();
    for (DimSpec d : dims) {
      DimPlan p = resolveOne(d, inputs, sources, otherClaims, maxElements, log);
      if (p != null) {
        plans.put(d.name(), p);
      }
    }
    return plans;
  }

  /** A statement that a dim has some size, and who says so. */
  private record Claim(int size, String who, String file, String column, int modelLine) {}

  private static DimPlan resolveOne(DimSpec d, List<InputSpec> inputs, List<InputSource> sources,
      List<DimClaim> otherClaims, long maxElements, ProblemLog log) {
    String name = d.name();
    List<InputSource> keyed = new ArrayList<>();
    List<LabelColumn> columns = new ArrayList<>();
    List<Claim> claims = new ArrayList<>();
    if (!d.fromData()) {
      claims.add(new Claim(d.fixedSize(), "the model (dim " + name + " = " + d.fixedSize() + ")", "", "", d.line()));
    }
    for (InputSource s : sources) {
      int k = s.input().dims().indexOf(name);
      if (k < 0) {
        continue;
      }
      String col = s.dimColumns().get(k);
      if (col == null) {
        claims.add(new Claim(s.table().rows(), s.table().display + " (" + s.table().rows() + " rows, read by position)",
            s.table().display, s.column(), s.input().line()));
      } else {
        keyed.add(s);
        columns.add(s.table().labels.get(col));
      }
    }
    for (DimClaim c : otherClaims) {
      if (c.dim().equals(name)) {
        claims.add(new Claim(c.size(), c.who(), c.file(), "", c.modelLine()));
      }
    }
    boolean byIndex = !columns.isEmpty() && looksLikeIndices(columns, d);
    List<String> labels = null;
    String labelSource = "";
    if (!columns.isEmpty() && !byIndex) {
      LabelColumn first = columns.get(0);
      labels = new ArrayList<>(first.distinct);
      if (first.allIntegers()) {
        labels.sort(Comparator.comparingLong(Long::parseLong));
      }
      InputSource s = keyed.get(0);
      labelSource = s.table().display + ", column '" + name + "'";
      claims.add(0, new Claim(labels.size(), "the " + labels.size() + " distinct labels in " + labelSource,
          s.table().display, name, s.input().line()));
      if (!d.fromData()) {
        claims.add(0, claims.remove(1)); // the model's fixed size stays the reference
      }
    }
    int size;
    if (!claims.isEmpty()) {
      Claim ref = claims.get(0);
      for (Claim c : claims.subList(1, claims.size())) {
        if (c.size() != ref.size()) {
          log.add(c.file(), 0, c.column(), "dim '" + name + "' has " + ref.size() + " elements from " + ref.who()
              + ", but " + c.size() + " from " + c.who(), c.modelLine());
        }
      }
      size = ref.size();
    } else if (byIndex) {
      int max = 0;
      for (LabelColumn c : columns) {
        for (String l : c.distinct) {
          max = (int) Math.max(max, Math.min(Integer.MAX_VALUE - 1, Long.parseLong(l)));
        }
      }
      size = max + 1;
    } else {
      boolean used = inputs.stream().anyMatch(i -> i.dims().contains(name));
      if (!used) {
        log.add("", 0, "", "dim '" + name + "' has no size: declare `dim " + name + " = N` or bind an input over it",
            d.line());
      }
      return null;
    }
    if (size > maxElements || size > Integer.MAX_VALUE - 8) {
      log.add("", 0, "", "dim '" + name + "' would have " + size + " elements, above the limit of "
          + Math.min(maxElements, Integer.MAX_VALUE - 8), d.line());
      return null;
    }
    return labels == null ? new DimPlan(name, size, indexLabels(size), false, "")
        : new DimPlan(name, size, List.copyOf(labels), true, labelSource);
  }

  /**
   * True when every dim column holds non-negative integers starting at 0 (and below a fixed size):
   * then they are element indices. Anything else (station codes, years, months 1..12) is labels.
   */
  private static boolean looksLikeIndices(List<LabelColumn> columns, DimSpec d) {
    long min = Long.MAX_VALUE;
    for (LabelColumn c : columns) {
      for (String l : c.distinct) {
        if (!Cells.isInteger(l)) {
          return false;
        }
        long v = Long.parseLong(l);
        if (v < 0 || (!d.fromData() && v >= d.fixedSize())) {
          return false;
        }
        min = Math.min(min, v);
      }
    }
    return min == 0;
  }
}
