package dev.softclass.bench.page;

/**
 * One system's result on one dataset, as the anchors harness recorded it in {@code results.jsonl},
 * plus the expected calibration error computed from its {@code probs.txt}.
 *
 * @param dataset the dataset's name
 * @param system the system's name (Softclass rows start with {@code softclass})
 * @param status {@code ok}, or why there is no result ({@code skipped}, {@code timeout}, ...)
 * @param note the harness's note for a row that is not ok (may be empty)
 * @param accuracy test accuracy, NaN without a result
 * @param macroF1 test macro-F1, NaN without a result
 * @param logLoss test log loss, NaN without a result
 * @param ece expected calibration error of the top class (15 equal-width bins), NaN if unknown
 * @param trainSeconds training wall time, NaN if unknown
 * @param predictSeconds prediction wall time for the whole test set, NaN if unknown
 * @param peakRssMb peak resident memory of the system's process(es), NaN if unknown
 * @param load the 1-minute load average just before the system started
 */
public record ResultRow(
    String dataset,
    String system,
    String status,
    String note,
    double accuracy,
    double macroF1,
    double logLoss,
    double ece,
    double trainSeconds,
    double predictSeconds,
    double peakRssMb,
    double load) {

  /** Whether the system produced predictions. */
  public boolean ok() {
    return status.equals("ok") && !Double.isNaN(accuracy);
  }

  /** Whether this is a Softclass row. */
  public boolean isSoftclass() {
    return system.startsWith("softclass");
  }
}
