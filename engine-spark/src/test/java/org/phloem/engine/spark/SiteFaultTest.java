package org.phloem.engine.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelFault;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.engine.LocalEngine;
import org.phloem.runtime.engine.ModelCode;

/**
 * A model that fails on an executor (here: an observation sd that is a parameter, asked to be negative)
 * reaches the driver as the same {@link ModelFault} the local engine throws, so the command line
 * reports it as a problem of the model, not as a Spark failure.
 */
class SiteFaultTest {
  static final String MODEL = """
      model sd_as_parameter "the observation sd is a parameter: a negative one is a fault of the model"
      data "none.csv"
      dim obs
      input y[obs]
      param mu = 1
      param s = 1
      output fit[obs]
      for i in obs {
        fit[i] = mu
      }
      observe fit[i] ~ normal(y[i], s) for i in obs
      """;

  @Test
  void aModelFaultOnAnExecutorIsRethrownAsItself() throws Exception {
    ModelCode code = TestModels.code(Pipeline.compile("sd_as_parameter.phl", MODEL, TestModels.repo(), true));
    List<BoundData> sites = List.of(site(1, 2), site(3, 4, 5));
    List<String> labels = List.of("a", "b");
    CompiledModel local = new LocalEngine(1).siteSum(code, sites, labels);
    CompiledModel remote = SharedSpark.engine("local[2]").siteSum(code, sites, labels);
    double[] fine = {2, 1.5};
    assertEquals(Double.doubleToRawLongBits(local.cost(fine)), Double.doubleToRawLongBits(remote.cost(fine)));
    double[] negative = {2, -1};
    ModelFault expected = assertThrows(ModelFault.class, () -> local.cost(negative));
    ModelFault actual = assertThrows(ModelFault.class, () -> remote.cost(negative));
    assertEquals(expected.getMessage(), actual.getMessage());
    assertTrue(actual.getMessage().contains("sd"), actual.getMessage());
  }

  private static BoundData site(double... y) {
    return new BoundData(Map.of("obs", y.length), Map.of("obs", TestModels.numbered(y.length)), Map.of("y", y));
  }
}
