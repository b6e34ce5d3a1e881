package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.softclass.Model;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model metadata, health checks, metrics and the page's files. */
class ServiceEndpointsTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    TestModels.wine().save(dir.resolve("wine.softclass"));
    TestModels.manyClasses().save(dir.resolve("many.softclass"));
    Map<String, Path> models = new LinkedHashMap<>();
    models.put("wine", dir.resolve("wine.softclass"));
    models.put("many", dir.resolve("many.softclass"));
    server = new TestServer(models, TestServer.settings());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void listsTheModelsInTheOrderGiven() {
    TestServer.Reply r = server.get("/v1/models");
    assertThat(r.status()).isEqualTo(200);
    JsonNode models = r.json().get("models");
    assertThat(models).hasSize(2);
    assertThat(models.get(0).get("name").asText()).isEqualTo("wine");
    assertThat(models.get(0).get("num_features").asInt()).isEqualTo(13);
    assertThat(models.get(0).get("num_classes").asInt()).isEqualTo(3);
    assertThat(models.get(0).get("kind").asText()).isEqualTo("tabular");
    assertThat(models.get(1).get("name").asText()).isEqualTo("many");
    assertThat(models.get(1).get("num_classes").asInt()).isEqualTo(60);
  }

  @Test
  void describesAModelWithItsMetadataAndServingMetrics() {
    Model wine = TestModels.wine();
    JsonNode d = server.get("/v1/models/wine").json();
    assertThat(d.get("version").asLong()).isEqualTo(1);
    assertThat(d.get("task").asText()).isEqualTo("multiclass");
    assertThat(d.get("head").asText()).isEqualTo(wine.head().name());
    assertThat(d.get("classes").get(2).asText()).isEqualTo(wine.classes().get(2));
    assertThat(d.get("features").get("names").get(0).asText()).isEqualTo("alcohol");
    assertThat(d.get("preprocessing").get("scale").asText()).isEqualTo("standard");
    assertThat(d.get("training").get("l2").asDouble()).isEqualTo(1e-3);
    assertThat(d.get("provenance").get("library_version").asText()).isNotBlank();
    assertThat(d.get("serving").get("load_seconds").asDouble()).isPositive();
    assertThat(d.get("serving").has("predict_requests")).isTrue();
    assertThat(d.get("loaded_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  void healthChecksAnswer() {
    assertThat(server.get("/health/live").json().get("status").asText()).isEqualTo("live");
    TestServer.Reply ready = server.get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("models").get("wine").asLong()).isEqualTo(1);
  }

  @Test
  void metricsAreInThePrometheusTextFormat() {
    server.get("/v1/models");
    server.get("/nowhere");
    TestServer.Reply r = server.get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    assertThat(r.body())
        .contains("# TYPE softclass_http_requests_seconds histogram")
        .contains(
            "softclass_http_requests_seconds_count{method=\"GET\",model=\"\",route=\"models\",status=\"200\"}")
        .contains("softclass_http_errors_total{model=\"\",route=\"unmatched\",status=\"404\"}")
        .contains("softclass_model_load_seconds{model=\"wine\"}")
        .contains("softclass_model_version{model=\"many\"} 1.0")
        .contains("softclass_predict_in_flight 0.0")
        .contains("jvm_memory_used_bytes")
        .contains("jvm_gc_max_data_size_bytes")
        .contains("process_cpu_usage");
  }

  @Test
  void servesThePageWithoutExternalResources() {
    TestServer.Reply page = server.get("/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(page.body())
        .contains("/ui/app.js")
        .doesNotContain("http://")
        .doesNotContain("https://");
    assertThat(server.get("/ui/app.js").body()).contains("/v1/models").doesNotContain("https://");
    assertThat(server.get("/ui/app.css").header("Content-Type")).startsWith("text/css");
  }
}
