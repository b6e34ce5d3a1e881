package dev.softclass.cli;

import dev.softclass.data.FastTextReader;
import dev.softclass.data.TextData;
import dev.softclass.text.TextModel;
import dev.softclass.text.TextSettings;
import dev.softclass.text.TextTrainer;
import dev.softclass.train.Checkpointing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code train --model-type text}: reads fastText text, trains, saves, summarises. */
final class TextTrain {
  private TextTrain() {}

  static int run(
      Path data,
      TextSettings settings,
      Path model,
      Checkpointing checkpointing,
      boolean json,
      PrintWriter out) {
    long readStart = System.nanoTime();
    TextData text = FastTextReader.read(data, true);
    double readSeconds = (System.nanoTime() - readStart) / 1e9;
    TextModel fitted = new TextTrainer(settings).fit(text, checkpointing);
    long saveStart = System.nanoTime();
    fitted.save(model);
    double saveSeconds = (System.nanoTime() - saveStart) / 1e9;
    Map<String, Object> t = fitted.info().training();
    if (json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("model", model.toString());
      summary.put("model_type", "text");
      summary.put("task", fitted.task());
      summary.putAll(t);
      summary.put("read_seconds", readSeconds);
      summary.put("save_seconds", saveSeconds);
      summary.put("head", fitted.head().name());
      summary.put("probabilities", fitted.probabilityKind());
      summary.put("classes", fitted.classes().size());
      out.println(Json.write(summary));
    } else {
      out.printf(
          Locale.ROOT,
          "trained a text model (%s head, %d classes, %d words, dim %d) on %d lines in %.2fs"
              + " (%s, %d threads)%n",
          fitted.head().name(),
          fitted.classes().size(),
          fitted.features().words().size(),
          fitted.body().dim(),
          text.size(),
          ((Number) t.get("seconds")).doubleValue(),
          Boolean.TRUE.equals(t.get("deterministic")) ? "deterministic" : "hogwild",
          settings.threads());
      out.printf(
          Locale.ROOT,
          "last epoch's mean training loss %.4f; probabilities: %s%n",
          ((Number) t.get("final_epoch_loss")).doubleValue(),
          fitted.probabilityKind());
      out.printf(
          Locale.ROOT,
          "SGD: %.1fs, %.0f tokens/s (%.0f per thread; fastText's words/sec/thread); read %.2fs,"
              + " saved in %.2fs%n",
          ((Number) t.get("sgd_seconds")).doubleValue(),
          ((Number) t.get("sgd_tokens_per_second")).doubleValue(),
          ((Number) t.get("sgd_tokens_per_second_per_thread")).doubleValue(),
          readSeconds,
          saveSeconds);
      fitted
          .labelDecision()
          .ifPresent(
              d ->
                  out.printf(
                      Locale.ROOT,
                      "multi-label (lines with several labels): predict chooses every label with"
                          + " probability >= %.4g (predict --min-prob changes it)%n",
                      d.threshold()));
      if (t.containsKey("resumed_after_epoch")) {
        out.println("resumed from the checkpoint after epoch " + t.get("resumed_after_epoch"));
      }
      out.println("saved " + model);
    }
    return 0;
  }
}
