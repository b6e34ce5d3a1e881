package dev.softclass.body;

import dev.softclass.SoftclassException;
import java.util.Locale;

/**
 * The element-wise non-linearity of a hidden layer. {@link #forward} maps pre-activations {@code z}
 * to activations {@code h}; {@link #backward} multiplies a gradient by {@code f'(z)} in place.
 */
public enum Activation {
  /** {@code max(0, z)}; the derivative at 0 is taken as 0. */
  RELU {
    @Override
    public void forward(float[] z, float[] h, int n) {
      for (int i = 0; i < n; i++) {
        h[i] = Math.max(0f, z[i]);
      }
    }

    @Override
    public void backward(float[] z, float[] h, float[] grad, int n) {
      for (int i = 0; i < n; i++) {
        grad[i] = z[i] > 0f ? grad[i] : 0f;
      }
    }
  },
  /** {@code tanh(z)}, with derivative {@code 1 - h^2}. */
  TANH {
    @Override
    public void forward(float[] z, float[] h, int n) {
      for (int i = 0; i < n; i++) {
        h[i] = (float) Math.tanh(z[i]);
      }
    }

    @Override
    public void backward(float[] z, float[] h, float[] grad, int n) {
      for (int i = 0; i < n; i++) {
        grad[i] *= 1f - h[i] * h[i];
      }
    }
  },
  /**
   * The Gaussian error linear unit in its tanh form (Hendrycks and Gimpel; PyTorch's {@code
   * approximate="tanh"}): {@code 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))}.
   */
  GELU {
    @Override
    public void forward(float[] z, float[] h, int n) {
      for (int i = 0; i < n; i++) {
        double x = z[i];
        h[i] = (float) (0.5 * x * (1 + Math.tanh(GELU_C * (x + 0.044715 * x * x * x))));
      }
    }

    @Override
    public void backward(float[] z, float[] h, float[] grad, int n) {
      for (int i = 0; i < n; i++) {
        double x = z[i];
        double t = Math.tanh(GELU_C * (x + 0.044715 * x * x * x));
        double d = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * x * x);
        grad[i] = (float) (grad[i] * d);
      }
    }
  };

  private static final double GELU_C = Math.sqrt(2 / Math.PI);

  /** Writes {@code f(z[i])} into {@code h[i]} for {@code i < n}. */
  public abstract void forward(float[] z, float[] h, int n);

  /**
   * Multiplies {@code grad[i]} by {@code f'(z[i])} for {@code i < n}; {@code h} holds {@code f(z)}.
   */
  public abstract void backward(float[] z, float[] h, float[] grad, int n);

  /** The lower-case name used on the command line and in model files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code relu|tanh|gelu}. */
  public static Activation parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SoftclassException(
          "unknown activation '" + name + "': expected relu, tanh or gelu");
    }
  }
}
