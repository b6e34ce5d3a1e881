package dev.softclass.cli;

import dev.softclass.SoftclassException;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.TextData;
import dev.softclass.io.TextModelFile;
import dev.softclass.text.TextModel;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code softclass tokenize}: the embedding-row ids a text model gives each line. */
@Command(
    name = "tokenize",
    mixinStandardHelpOptions = true,
    description = {
      "Print the ids a text model uses for each line of text, space-separated, one line per"
          + " text line of the input (blank lines are skipped and __label__ tokens left out, as"
          + " predict does): word ids from the vocabulary (the end-of-line token </s> last),"
          + " then each word's character n-gram bucket ids follow its word id, and the word"
          + " n-gram bucket ids come at the end. These are the rows the ONNX export of the"
          + " model reads from its 'ids' input (pad the rows to one length with -1); see"
          + " docs/onnx.md for the recipe."
    })
final class TokenizeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "M", description = "Text model file.")
  Path model;

  @Option(
      names = "--input",
      paramLabel = "F",
      description = "Text file, one text a line (default: standard input).")
  Path input;

  @Override
  public Integer call() {
    if (Files.isRegularFile(model) && !TextModelFile.isTextModel(model)) {
      throw new SoftclassException(
          model + " is not a text model: tokenize needs one trained with --model-type text");
    }
    TextModel m = TextModel.load(model);
    TextData lines;
    if (input != null) {
      lines = FastTextReader.read(input, false);
    } else {
      Reader in = new InputStreamReader(System.in, StandardCharsets.UTF_8);
      lines = FastTextReader.read(in, "standard input", false);
    }
    PrintWriter out = spec.commandLine().getOut();
    StringBuilder sb = new StringBuilder();
    for (String text : lines.texts()) {
      sb.setLength(0);
      int[] ids = m.features().features(text);
      for (int i = 0; i < ids.length; i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(ids[i]);
      }
      out.println(sb);
    }
    out.flush();
    return 0;
  }
}
