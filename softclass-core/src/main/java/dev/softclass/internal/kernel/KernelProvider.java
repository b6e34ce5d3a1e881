package dev.softclass.internal.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;

/**
 * Chooses the kernel implementation once per JVM: the Vector API one when {@code
 * jdk.incubator.vector} is readable (the launcher, tests and benchmarks add {@code --add-modules
 * jdk.incubator.vector}), else the scalar one. The system property {@code softclass.kernel} ({@code
 * auto}, {@code scalar} or {@code panama}) forces a choice. The Panama class is loaded by name, so
 * the rest of the library never links to incubator types.
 */
public final class KernelProvider {
  private static final System.Logger LOG = System.getLogger(KernelProvider.class.getName());

  private KernelProvider() {}

  /** The implementation chosen for this JVM (computed once, on first use). */
  public static KernelImpl get() {
    return Holder.IMPL;
  }

  /** Why that implementation was chosen, for logs and benchmark tables. */
  public static String reason() {
    return Holder.REASON;
  }

  /**
   * The Vector API implementation if it can be loaded here, else {@code null} (used by tests that
   * compare both implementations).
   */
  public static KernelImpl panamaOrNull() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      Class<?> type = Class.forName(KernelProvider.class.getPackageName() + ".PanamaKernels");
      return (KernelImpl)
          MethodHandles.lookup().findConstructor(type, MethodType.methodType(void.class)).invoke();
    } catch (Throwable e) {
      return null;
    }
  }

  private static final class Holder {
    static final KernelImpl IMPL;
    static final String REASON;

    static {
      String wanted = System.getProperty("softclass.kernel", "auto").toLowerCase(Locale.ROOT);
      KernelImpl panama = wanted.equals("scalar") ? null : panamaOrNull();
      if (panama != null) {
        IMPL = panama;
        REASON = "Vector API available";
      } else {
        IMPL = ScalarKernels.INSTANCE;
        REASON =
            wanted.equals("scalar")
                ? "forced by -Dsoftclass.kernel=scalar"
                : "jdk.incubator.vector not readable (add --add-modules jdk.incubator.vector)";
        if (wanted.equals("panama")) {
          throw new IllegalStateException(
              "-Dsoftclass.kernel=panama, but the Vector API cannot be loaded: " + REASON);
        }
      }
      LOG.log(System.Logger.Level.INFO, "softclass kernels: " + IMPL.name() + " (" + REASON + ")");
    }
  }
}
