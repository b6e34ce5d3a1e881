package dev.softclass.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softclass.kernel.VectorOps;
import org.junit.jupiter.api.Test;

/**
 * The kernel choice follows what the JVM offers: the Vector API implementation exactly when {@code
 * jdk.incubator.vector} is readable (the default test run adds it; the scalar-kernels run does
 * not), and the choice is reported.
 */
class KernelProviderTest {
  @Test
  void choosesTheVectorApiExactlyWhenItIsReadable() {
    boolean readable = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    assertThat(KernelProvider.get().name()).startsWith(readable ? "panama-" : "scalar");
    assertThat(VectorOps.kernelName()).isEqualTo(KernelProvider.get().name());
    assertThat(KernelProvider.reason()).isNotBlank();
    assertThat(KernelProvider.panamaOrNull() != null).isEqualTo(readable);
  }
}
