package org.phloem.tests.ccdas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.tests.support.Repo;

/**
 * The experiment TRANSPORT.md reports and does not ship: the same transport with second-order
 * advection (van Leer slopes under the monotonized-central limiter, a ½(1 - C) correction in each
 * direction, zero slopes in the border boxes), made from models/ccdas/transport_2d.phl by text edits,
 * and the interhemispheric exchange time of pulse.phl with it. It shows how much of the short exchange
 * time is the upwind scheme's numerical diffusion. Long profile: its gradient tape is large.
 */
@Tag("long")
class TransportSecondOrderTest {
  @TempDir Path folder;

  private static String edit(String text, String anchor, String replacement) {
    assertTrue(text.contains(anchor), "transport_2d.phl changed: the experiment's anchor is gone: " + anchor);
    return text.replace(anchor, replacement);
  }

  static String secondOrder(String s) {
    s = edit(s, "var tr_conv[level, band]", String.join("\n",
        "var tr_sy[level, band]", "var tr_sz[level, band]", "var tr_hy_up[level, band_edge]", "var tr_hy_dn[level, band_edge]",
        "var tr_hz_up[level_edge, band]", "var tr_hz_dn[level_edge, band]", "var tr_conv[level, band]"));
    s = edit(s, "    tr_by[k, e] = tr_cose[e] * (max(-tr_v[m, k, e], 0) + conductance)\n", String.join("\n",
        "    tr_by[k, e] = tr_cose[e] * (max(-tr_v[m, k, e], 0) + conductance)",
        "    let cy = abs(tr_v[m, k, e]) * dt / tr_dy[e]",
        "    tr_hy_up[k, e] = tr_cose[e] * max(tr_v[m, k, e], 0) * 0.5 * (1 - cy)",
        "    tr_hy_dn[k, e] = tr_cose[e] * max(-tr_v[m, k, e], 0) * 0.5 * (1 - cy)", ""));
    s = edit(s, "    tr_bz[k, j] = tr_mvae[k] * max(-tr_w[m, k, j], 0) + conductance\n", String.join("\n",
        "    tr_bz[k, j] = tr_mvae[k] * max(-tr_w[m, k, j], 0) + conductance",
        "    let cz = abs(tr_w[m, k, j]) * dt / tr_dz[k]",
        "    tr_hz_up[k, j] = tr_mvae[k] * max(tr_w[m, k, j], 0) * 0.5 * (1 - cz)",
        "    tr_hz_dn[k, j] = tr_mvae[k] * max(-tr_w[m, k, j], 0) * 0.5 * (1 - cz)", ""));
    s = edit(s, "    // Off-diagonal fluxes", String.join("\n",
        "    for k in 0..tr_nl - 1, j in 1..tr_nb - 2 {",
        "      tr_sy[k, j] = mc(tr_c[k, j] - tr_c[k, j - 1], tr_c[k, j + 1] - tr_c[k, j])",
        "    }",
        "    for k in 1..tr_nl - 2, j in 0..tr_nb - 1 {",
        "      tr_sz[k, j] = mc(tr_c[k, j] - tr_c[k - 1, j], tr_c[k + 1, j] - tr_c[k, j])",
        "    }",
        "    // Off-diagonal fluxes"));
    s = edit(s, "      tr_fy[k, e] = tr_ay[k, e] * tr_c[k, e - 1] - tr_by[k, e] * tr_c[k, e]\n", String.join("\n",
        "      tr_fy[k, e] = tr_ay[k, e] * tr_c[k, e - 1] - tr_by[k, e] * tr_c[k, e]",
        "                  + tr_hy_up[k, e] * tr_sy[k, e - 1] + tr_hy_dn[k, e] * tr_sy[k, e]", ""));
    s = edit(s, "      tr_fz[k, j] = tr_az[k, j] * tr_c[k - 1, j] - tr_bz[k, j] * tr_c[k, j]\n", String.join("\n",
        "      tr_fz[k, j] = tr_az[k, j] * tr_c[k - 1, j] - tr_bz[k, j] * tr_c[k, j]",
        "                  + tr_hz_up[k, j] * tr_sz[k - 1, j] + tr_hz_dn[k, j] * tr_sz[k, j]", ""));
    s = edit(s, "fn tr_radians(deg) = deg * pi / 180", String.join("\n",
        "fn tr_radians(deg) = deg * pi / 180",
        "fn mc(a, b) {",
        "  if a * b <= 0 {",
        "    return 0",
        "  } else if a > 0 {",
        "    return min(min(2 * a, 2 * b), 0.5 * (a + b))",
        "  }",
        "  return max(max(2 * a, 2 * b), 0.5 * (a + b))",
        "}"));
    return s;
  }

  @Test
  void secondOrderAdvectionLengthensTheExchangeTimeByATenthOrSo() throws Exception {
    Path models = Repo.root().resolve("models/ccdas");
    Files.writeString(folder.resolve("transport_2d.phl"), secondOrder(Files.readString(models.resolve("transport_2d.phl"))));
    Files.copy(models.resolve("pulse.phl"), folder.resolve("pulse.phl"));
    CompiledModel shipped = TransportPulseTest.model;
    TransportPulseTest.load();
    double whole1 = TransportPulseTest.exchangeTime("hemispheric");
    double tropo1 = TransportPulseTest.exchangeTime("tropospheric");
    TransportPulseTest.model = Pipeline.compile(folder.resolve("pulse.phl"), true).bind(Repo.root().resolve("data"));
    try {
      double whole2 = TransportPulseTest.exchangeTime("hemispheric");
      double tropo2 = TransportPulseTest.exchangeTime("tropospheric");
      System.out.printf("exchange time, first-order upwind: %.3f / %.3f yr; second-order MC: %.3f / %.3f yr"
          + " (whole domain / below 11.4 km)%n", whole1, tropo1, whole2, tropo2);
      assertEquals(0.767, whole2, 0.005);
      assertEquals(0.689, tropo2, 0.005);
      assertTrue(whole2 > whole1 && tropo2 > tropo1, "less numerical diffusion, slower exchange");
    } finally {
      TransportPulseTest.model = shipped;
    }
  }
}
