/**
 * The evaluation report: an HTML page with metrics tables and PNG plots drawn with XChart, written
 * by {@link dev.softclass.report.Report} and the {@code softclass report} command.
 */
package dev.softclass.report;
