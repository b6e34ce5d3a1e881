package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process and captures what it prints. */
final class CliRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CliRunner() {}

  /** The outcome of one run. */
  record Result(int exitCode, String out, String err) {
    /** What the command printed on stdout, parsed as JSON (for {@code --json}). */
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (JsonProcessingException e) {
        throw new AssertionError("stdout is not JSON: " + e.getMessage() + "\n" + out, e);
      }
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs the command line and checks that it succeeded (exit code 0; else shows its stderr). */
  static Result ok(String... args) {
    Result r = run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
    return r;
  }

  /**
   * Runs {@code predict --model model --data data --output output}, checks that it succeeded and
   * returns the lines it wrote.
   */
  static List<String> predictToFile(Path model, Path data, Path output) throws IOException {
    ok(
        "predict",
        "--model",
        model.toString(),
        "--data",
        data.toString(),
        "--output",
        output.toString());
    return Files.readAllLines(output);
  }

  /**
   * Runs {@code export --model model --format format --output output} with {@code options} and
   * checks that it succeeded.
   */
  static Result export(Path model, String format, Path output, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "export",
                "--model",
                model.toString(),
                "--format",
                format,
                "--output",
                output.toString()));
    args.addAll(List.of(options));
    return ok(args.toArray(String[]::new));
  }
}
