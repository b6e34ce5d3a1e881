package dev.softclass.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The one local[2] Spark session of the test JVM (starting one costs seconds). */
final class SparkTestSession {
  private static SparkSession session;

  private SparkTestSession() {}

  static synchronized SparkSession get() {
    if (session == null) {
      Path dir =
          Path.of(System.getProperty("softclass.spark.localDir", "target/spark")).toAbsolutePath();
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("softclass-spark-tests")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.ui.enabled", "false")
              .config("spark.local.dir", dir.resolve("local").toString())
              .config("spark.sql.warehouse.dir", dir.resolve("warehouse").toString())
              .config("spark.sql.shuffle.partitions", "2")
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
