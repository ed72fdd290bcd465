package dev.arbiter.server.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.LoggerFactory;

/**
 * Watches the log for Netty's buffer leak reports and reference-count failures while paranoid leak
 * detection tracks every buffer. {@link #assertNoLeaks} proves the detector is live before it
 * trusts silence: it drops a tracked canary buffer unreleased and waits until that canary is
 * reported, so a test using it can fail.
 */
final class NettyLeakWatch implements AutoCloseable {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final ResourceLeakDetector.Level previous = ResourceLeakDetector.getLevel();

  /** Starts tracking every buffer and capturing the log (after Spring has set up logging). */
  NettyLeakWatch() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    appender.start();
    root.addAppender(appender);
  }

  /**
   * Collects garbage until a deliberately leaked canary is reported, then once more, and asserts
   * that nothing else leaked and no reference count went wrong.
   *
   * @param traffic allocates tracked buffers (sends requests): the detector reports leaks only when
   *     it tracks a new buffer
   */
  void assertNoLeaks(Runnable traffic) {
    String canary = "leak-canary-" + UUID.randomUUID();
    dropCanary(canary);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              collect(traffic);
              return leaks().stream().anyMatch(e -> e.contains(canary));
            });
    collect(traffic);
    List<String> problems =
        events().stream()
            .filter(e -> e.contains("LEAK:") || e.contains("IllegalReferenceCountException"))
            .filter(e -> !e.contains("leak-canary-"))
            .toList();
    assertThat(problems).as("Netty leak reports and reference-count failures").isEmpty();
  }

  private static void dropCanary(String hint) {
    // a direct buffer: unpooled heap buffers are not tracked
    ByteBuf canary = UnpooledByteBufAllocator.DEFAULT.directBuffer(8);
    canary.touch(hint);
  }

  private static void collect(Runnable traffic) {
    System.gc();
    traffic.run();
    UnpooledByteBufAllocator.DEFAULT.directBuffer(8).release();
  }

  private List<String> leaks() {
    return events().stream().filter(e -> e.contains("LEAK:")).toList();
  }

  private List<String> events() {
    synchronized (appender) {
      return List.copyOf(appender.list).stream().map(NettyLeakWatch::describe).toList();
    }
  }

  private static String describe(ILoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    }
    return text.toString();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
    ResourceLeakDetector.setLevel(previous);
  }
}
