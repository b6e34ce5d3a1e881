package dev.softclass.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.softclass.Model;
import dev.softclass.data.Dataset;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a written report in headless Chromium with the network cut off and checks that every image
 * loaded: a copy of the page with a small script appended records, after the load event, how many
 * images have a natural width, and Chromium's {@code --dump-dom} prints the result. Skipped (by
 * assumption) only when no {@code chromium} is installed; {@code .ci/run} installs it.
 */
class ReportBrowserTest {
  private static final String CHECK =
      "<script>window.addEventListener('load',function(){var im=document.images,ok=0,bad=[];"
          + "for(var i=0;i<im.length;i++){if(im[i].complete&&im[i].naturalWidth>0){ok++;}"
          + "else{bad.push(im[i].getAttribute('src'));}}var d=document.createElement('pre');"
          + "d.id='img-check';d.textContent='images-loaded='+ok+' of '+im.length+' broken=['"
          + "+bad.join(',')+']';document.body.appendChild(d);});</script>";

  @TempDir Path dir;

  @Test
  void everyImageOfTheReportLoadsInChromiumWithoutNetwork() throws Exception {
    String chromium = findChromium();
    assumeTrue(chromium != null, "chromium is not installed");
    System.setProperty("java.awt.headless", "true");
    String[] names = {"a", "b", "c"};
    Dataset train = ReportFixtures.blobs(300, names, 11);
    Model model = ReportFixtures.multiclass(train, ReportFixtures.blobs(150, names, 12));
    Path out = dir.resolve("report");
    Report.of(model, "abc.softclass", ReportFixtures.blobs(150, names, 13)).write(out);
    String page = Files.readString(out.resolve("index.html"));
    Files.writeString(out.resolve("check.html"), page.replace("</body>", CHECK + "</body>"));

    String dom = dumpDom(chromium, out.resolve("check.html"));

    int images = Report.PLOTS.size();
    assertThat(dom).contains("images-loaded=" + images + " of " + images + " broken=[]");
    assertThat(dom).contains("Softclass report", "Reliability diagram");
  }

  private String dumpDom(String chromium, Path page) throws IOException, InterruptedException {
    Path profile = Files.createDirectory(dir.resolve("profile"));
    Path stdout = dir.resolve("dom.html");
    Process p =
        new ProcessBuilder(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                // no network: every host name fails and any proxy use goes nowhere
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--proxy-server=127.0.0.1:9",
                "--virtual-time-budget=10000",
                "--dump-dom",
                page.toUri().toString())
            .redirectOutput(stdout.toFile())
            .redirectError(dir.resolve("chromium.log").toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 120 s");
    }
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("chromium.log"))).isZero();
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  private static String findChromium() {
    for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path candidate = Path.of(dirName, name);
        if (Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    return null;
  }
}
