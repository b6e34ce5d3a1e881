package dev.softclass.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.util.concurrent.FutureTask;

/**
 * The SHA-256 of a byte array, computed on a thread of its own from construction on, and written to
 * JSON as its hex string once done. A model writer starts it as soon as the weights are encoded and
 * puts it in {@code model.json}'s description, whose other fields Jackson serialises meanwhile: on
 * two cores the hash of a text model's weights (0.1 s for 10 MB before the JIT has compiled
 * SHA-256) overlaps with the serialisation of its vocabulary.
 */
final class BackgroundSha256 implements JsonSerializable {
  private final FutureTask<String> task;

  /** Starts hashing {@code data}, which must not change afterwards. */
  BackgroundSha256(byte[] data) {
    this.task = new FutureTask<>(() -> ModelFile.sha256(data));
    DaemonTasks.named("softclass-sha256").newThread(task).start();
  }

  /**
   * The hash in lower-case hex, waiting for it if need be (also when interrupted: the interrupt is
   * kept for the caller).
   */
  String hex() {
    return DaemonTasks.await(task);
  }

  @Override
  public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
    gen.writeString(hex());
  }

  @Override
  public void serializeWithType(
      JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
      throws IOException {
    serialize(gen, serializers);
  }
}
