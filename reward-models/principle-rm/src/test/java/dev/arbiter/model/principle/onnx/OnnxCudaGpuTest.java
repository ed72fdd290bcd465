package dev.arbiter.model.principle.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.model.principle.PrincipledItem;
import dev.arbiter.model.principle.ScoringMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA execution provider on a real GPU: needs the {@code gpu} Maven profile (onnxruntime_gpu)
 * and a CUDA device; excluded from the default build ({@code -Dsurefire.excludedGroups= -Pgpu
 * -Dgroups=gpu} runs it).
 */
@Tag("gpu")
class OnnxCudaGpuTest {

  @TempDir Path tmp;

  @Test
  void open_cudaDeviceRunsOnCudaAndMatchesCpu() throws Exception {
    Path dir =
        TinyRewardModel.write(
            tmp.resolve("tiny"), TinyRewardModel.Variant.PLAIN, OnnxRewardModelTest.DESCRIPTOR);
    SessionSettings cuda = new SessionSettings(SessionSettings.Device.CUDA, 0, 0, 0, "all", true);
    PrincipledItem item =
        new PrincipledItem("q", "good answer", OnnxRewardModelTest.HHH, ScoringMode.JOINT);
    try (OnnxRewardModel gpu = OnnxRewardModel.open(dir, cuda, OnnxRewardModelTest.BATCHING);
        OnnxRewardModel cpu =
            OnnxRewardModel.open(
                dir, SessionSettings.cpuDefaults(), OnnxRewardModelTest.BATCHING)) {
      assertThat(gpu.provider()).isEqualTo("cuda:0");
      ScoreResult onGpu = gpu.score(List.of(item)).get(0);
      ScoreResult onCpu = cpu.score(List.of(item)).get(0);
      assertThat(onGpu.reward()).isCloseTo(onCpu.reward(), within(1e-4));
    }
  }
}
