package dev.arbiter.model.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The blocking {@link JudgeClient#complete} over any future-returning client. */
class JudgeClientTest {

  static final JudgeResponse ANSWER = new JudgeResponse("7", "stop", List.of(), "m", 1, 1, 1);

  @Test
  void complete_returnsTheFuturesResponse() {
    JudgeClient client = request -> CompletableFuture.completedFuture(ANSWER);

    assertThat(client.complete("s", "u")).isEqualTo("7");
  }

  @Test
  void complete_rethrowsTheJudgeExceptionItself() {
    JudgeTimeoutException timeout = new JudgeTimeoutException("judge timed out", null);
    JudgeClient client = request -> CompletableFuture.failedFuture(timeout);

    assertThatThrownBy(() -> client.complete("s", "u")).isSameAs(timeout);
  }

  @Test
  void complete_wrapsOtherFailuresAsUnavailable() {
    JudgeClient failed =
        request -> CompletableFuture.failedFuture(new IllegalStateException("pool closed"));
    JudgeClient throwing =
        request -> {
          throw new IllegalStateException("cannot send");
        };

    assertThatThrownBy(() -> failed.complete("s", "u"))
        .isInstanceOf(JudgeUnavailableException.class)
        .hasMessageContaining("pool closed");
    assertThatThrownBy(() -> throwing.complete("s", "u"))
        .isInstanceOf(JudgeUnavailableException.class)
        .hasMessageContaining("cannot send");
  }

  @Test
  void complete_nullResponseIsMalformed() {
    JudgeClient client = request -> CompletableFuture.completedFuture(null);

    assertThatThrownBy(() -> client.complete("s", "u"))
        .isInstanceOf(JudgeMalformedResponseException.class);
  }

  @Test
  void complete_interruptCancelsTheCallAndKeepsTheFlag() {
    CompletableFuture<JudgeResponse> pending = new CompletableFuture<>();
    JudgeClient client = request -> pending;

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> client.complete("s", "u"))
          .isInstanceOf(JudgeUnavailableException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(pending).isCancelled();
  }
}
