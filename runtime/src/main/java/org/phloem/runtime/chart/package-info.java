/**
 * A small chart renderer of Phloem's own for the report's PNG plots: an RGB {@link
 * org.phloem.runtime.chart.Raster}, anti-aliased {@link org.phloem.runtime.chart.Strokes} (lines, lines
 * summarized per pixel column, bands) and {@link org.phloem.runtime.chart.Marks}, {@link
 * org.phloem.runtime.chart.Text} from a pre-rendered DejaVu Sans {@code GlyphAtlas}, nice {@link
 * org.phloem.runtime.chart.Ticks}, and three chart layouts ({@link org.phloem.runtime.chart.XyChart},
 * {@link org.phloem.runtime.chart.BarChart}, {@link org.phloem.runtime.chart.HeatMap}), written by {@link
 * org.phloem.runtime.chart.PngEncoder}.
 *
 * <p>Why not Java2D and a chart library: a {@code fit} runs in a fresh JVM, where loading Java2D, its
 * fonts and a chart library, and JIT-compiling their drawing code, cost a quarter of a short fit's wall
 * time (tests/BENCHMARKS.md, "Plots"), while the plots need only rectangles, lines, discs and text. Nothing
 * here touches AWT, Java2D or ImageIO.
 */
package org.phloem.runtime.chart;
