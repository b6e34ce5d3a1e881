import anchors.Common;
import java.util.Locale;
import java.util.Random;
import smile.classification.MLP;
import smile.model.mlp.Layer;
import smile.model.mlp.OutputFunction;
import smile.util.function.TimeFunction;

/**
 * Smile 6.3's MLP as one more system of the anchors harness (run as a single-file program by
 * bench/mlp.sh, on the anchors' class path): one ReLU hidden layer, a softmax output with
 * cross-entropy, mini-batches of 200 in a fresh order per epoch. Smile has no Adam; its nearest
 * rule, RMSProp (rho 0.9, eps 1e-8) with momentum 0.9, runs at learning rate 1e-3.
 */
public final class SmileMlp {
  public static void main(String[] argv) {
    Common.main(
        argv,
        "smile-mlp",
        (a, t) -> {
          int d = a.i("d", 0);
          int k = a.i("k", 0);
          int hidden = a.i("hidden", 100);
          int epochs = a.i("epochs", 10);
          int batch = 200;
          long t0 = System.nanoTime();
          Common.Dense tr = Common.readDense(a.str("train"), a.str("format"), d);
          Common.Dense te = Common.readDense(a.str("test"), a.str("format"), d);
          t.put("load_s", Common.secs(System.nanoTime() - t0));
          t.put(
              "params",
              String.format(
                  Locale.ROOT,
                  "1 hidden layer %d relu, softmax, RMSProp(0.9, 1e-8) + momentum 0.9, lr 1e-3,"
                      + " batch %d, epochs %d",
                  hidden,
                  batch,
                  epochs));

          long c0 = Common.cpuNanos();
          long w0 = System.nanoTime();
          MLP model =
              new MLP(Layer.input(d), Layer.rectifier(hidden), Layer.mle(k, OutputFunction.SOFTMAX));
          model.setLearningRate(TimeFunction.constant(1e-3));
          model.setMomentum(TimeFunction.constant(0.9));
          model.setRMSProp(0.9, 1e-8);
          int n = tr.y.length;
          int[] order = new int[n];
          for (int i = 0; i < n; i++) {
            order[i] = i;
          }
          Random random = new Random(a.i("seed", 42));
          double[][] xb = new double[batch][];
          int[] yb = new int[batch];
          for (int e = 0; e < epochs; e++) {
            for (int i = n - 1; i > 0; i--) {
              int j = random.nextInt(i + 1);
              int s = order[i];
              order[i] = order[j];
              order[j] = s;
            }
            for (int from = 0; from < n; from += batch) {
              int m = Math.min(batch, n - from);
              if (m != batch) {
                xb = new double[m][];
                yb = new int[m];
              }
              for (int r = 0; r < m; r++) {
                xb[r] = tr.x[order[from + r]];
                yb[r] = tr.y[order[from + r]];
              }
              model.update(xb, yb);
            }
            if (xb.length != batch) {
              xb = new double[batch][];
              yb = new int[batch];
            }
          }
          long w1 = System.nanoTime();
          long c1 = Common.cpuNanos();
          t.put("train_wall_s", Common.secs(w1 - w0)).put("train_cpu_s", Common.secs(c1 - c0));

          double[][] p = new double[te.y.length][k];
          long pw0 = System.nanoTime();
          for (int i = 0; i < te.y.length; i++) {
            model.predict(te.x[i], p[i]);
          }
          t.put("predict_wall_s", Common.secs(System.nanoTime() - pw0)).put("n_test", te.y.length);
          Common.writeProbs(a.str("out"), p);
        });
  }
}
