/**
 * What a fit leaves behind: CSV tables (parameters, correlations, outputs with their sds, residuals,
 * iterations), PNG plots (drawn by {@link org.phloem.runtime.chart}) and a plain-text summary for the terminal. Every file is written
 * atomically (a temporary file in the same folder, then a move), so a reader never sees half a file.
 * Numbers are written in Java's shortest round-trip form; NaN as {@code NA}, infinities as
 * {@code Inf}/{@code -Inf}. Entry points: {@link org.phloem.runtime.report.FitReport#analyze},
 * {@link org.phloem.runtime.report.ReportWriter#write}, {@link org.phloem.runtime.report.SummaryTable#format}.
 */
package org.phloem.runtime.report;
