package org.phloem.runtime.parallel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.phloem.runtime.DimInfo;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ObservationInfo;
import org.phloem.runtime.OutputInfo;
import org.phloem.runtime.ParamInfo;

/**
 * The {@link ModelInfo} of a sum of sites: the parameters, shared, as every site declares them; every
 * site's outputs and observations one after the other, named {@code name@site}, over the site's own
 * dims renamed {@code dim@site} (sites may bind a dim to different sizes: one station's 1,096 days,
 * another's 730). Dims that parameters are indexed by keep their names and must agree across sites.
 */
final class SiteInfo {

  private SiteInfo() {}

  /** Merges the sites' infos; fails with a clear message when their parameters differ. */
  static ModelInfo merge(List<ModelInfo> sites, List<String> labels) {
    ModelInfo first = sites.get(0);
    Set<String> paramDims = new LinkedHashSet<>();
    for (ParamInfo p : first.params()) {
      paramDims.addAll(p.dims());
    }
    List<DimInfo> dims = new ArrayList<>();
    for (String d : paramDims) {
      dims.add(first.dim(d));
    }
    List<OutputInfo> outputs = new ArrayList<>();
    List<ObservationInfo> observations = new ArrayList<>();
    for (int s = 0; s < sites.size(); s++) {
      ModelInfo site = sites.get(s);
      String label = labels.get(s);
      checkParams(first, site, label);
      for (DimInfo d : site.dims()) {
        if (!paramDims.contains(d.name())) {
          dims.add(new DimInfo(d.name() + "@" + label, d.size(), d.labels()));
        } else if (!d.equals(first.dim(d.name()))) {
          throw new IllegalArgumentException("site " + label + " binds dim '" + d.name() + "', which parameters are indexed by, differently from site " + labels.get(0));
        }
      }
      int base = outputs.size();
      for (OutputInfo o : site.outputs()) {
        List<String> renamed = new ArrayList<>();
        for (String d : o.dims()) {
          renamed.add(paramDims.contains(d) ? d : d + "@" + label);
        }
        outputs.add(new OutputInfo(o.name() + "@" + label, renamed, o.shape(), o.unit(), o.role()));
      }
      for (ObservationInfo ob : site.observations()) {
        observations.add(new ObservationInfo(ob.label() + "@" + label, base + ob.modelOutput(), base + ob.valueOutput(),
            base + ob.sdOutput(), ob.line(), ob.likelihood(), ob.nu(), ob.sdFitted()));
      }
    }
    return new ModelInfo(first.name(), first.title() + " (sum over " + sites.size() + " sites)", first.sourceFile(),
        dims, first.params(), outputs, observations);
  }

  private static void checkParams(ModelInfo first, ModelInfo site, String label) {
    if (first.params().size() != site.params().size() || first.parameterCount() != site.parameterCount()) {
      throw new IllegalArgumentException("site " + label + " has " + site.parameterCount() + " parameter slots; the first site has "
          + first.parameterCount() + ": the sites of a sum must share one parameter vector");
    }
    for (int k = 0; k < first.params().size(); k++) {
      ParamInfo a = first.params().get(k);
      ParamInfo b = site.params().get(k);
      if (!a.name().equals(b.name()) || a.size() != b.size() || a.offset() != b.offset()) {
        throw new IllegalArgumentException("site " + label + ": parameter " + (k + 1) + " is " + b.name() + "[" + b.size()
            + "], the first site's is " + a.name() + "[" + a.size() + "]: the sites must share one parameter vector");
      }
    }
  }
}
