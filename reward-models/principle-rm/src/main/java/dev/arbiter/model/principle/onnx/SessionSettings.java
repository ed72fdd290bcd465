package dev.arbiter.model.principle.onnx;

/**
 * ONNX Runtime session options.
 *
 * @param device {@code cpu} or {@code cuda}; CUDA falls back to CPU with a logged reason when the
 *     execution provider cannot be loaded (e.g. the CPU build of ONNX Runtime, no driver)
 * @param cudaDeviceId the GPU ordinal for CUDA
 * @param intraOpThreads threads inside one operator (0: ONNX Runtime's default)
 * @param interOpThreads threads across operators (0: ONNX Runtime's default)
 * @param optimization graph optimization level: {@code none}, {@code basic}, {@code extended},
 *     {@code all}
 * @param memoryArena whether the CPU memory arena is on (faster, keeps peak memory)
 */
public record SessionSettings(
    Device device,
    int cudaDeviceId,
    int intraOpThreads,
    int interOpThreads,
    String optimization,
    boolean memoryArena) {

  /** Where the session runs. */
  public enum Device {
    CPU,
    CUDA
  }

  public static SessionSettings cpuDefaults() {
    return new SessionSettings(Device.CPU, 0, 0, 0, "all", true);
  }
}
