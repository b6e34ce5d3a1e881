package dev.softclass.io;

import dev.softclass.Model;
import java.nio.file.Path;

/**
 * The child process of {@link CrashSafeSaveTest}: loads a model, then saves it over and over to one
 * file until it is killed, printing a line after each save.
 */
public final class SaveLoop {
  private SaveLoop() {}

  /**
   * @param args the model to load, and the file to save it to
   */
  public static void main(String[] args) {
    Model model = ModelFile.read(Path.of(args[0]));
    Path target = Path.of(args[1]);
    for (long i = 1; ; i++) {
      ModelFile.write(model, target);
      System.out.println("saved " + i);
      System.out.flush();
    }
  }
}
