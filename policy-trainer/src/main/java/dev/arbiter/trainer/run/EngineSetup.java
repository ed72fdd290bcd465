package dev.arbiter.trainer.run;

/**
 * DJL settings that must be in place before the PyTorch engine loads. Offline mode keeps DJL from
 * ever downloading libtorch (the native jar on the classpath is used); the thread counts default to
 * one intra-op and one inter-op thread, because on a small shared CPU OpenMP's spinning workers
 * made a training step 30 times slower than a single thread (measured, see README). Values already
 * set as system properties win.
 */
public final class EngineSetup {

  private EngineSetup() {}

  /**
   * @param threads intra-op threads, or null to keep the default of 1
   */
  public static void configure(Integer threads) {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("ai.djl.pytorch.num_threads", threads == null ? "1" : threads.toString());
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
