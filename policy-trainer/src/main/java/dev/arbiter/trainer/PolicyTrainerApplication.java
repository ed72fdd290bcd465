package dev.arbiter.trainer;

import dev.arbiter.trainer.cli.DemoCommand;
import dev.arbiter.trainer.run.EngineSetup;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The trainer service (REST API, port 8086). With {@code demo} as first argument it runs one
 * training run in the foreground instead (see {@link DemoCommand}).
 */
@SpringBootApplication
public class PolicyTrainerApplication {

  public static void main(String[] args) throws Exception {
    EngineSetup.configure(null);
    if (args.length > 0 && args[0].equals("demo")) {
      System.exit(DemoCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    SpringApplication.run(PolicyTrainerApplication.class, args);
  }
}
