package dev.arbiter.trainer;

import dev.arbiter.trainer.cli.DemoCommand;
import dev.arbiter.trainer.cli.Relaunch;
import dev.arbiter.trainer.run.EngineSetup;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The trainer service (REST API, port 8086). With {@code demo} as first argument it runs one
 * training run in the foreground instead (see {@link DemoCommand}).
 */
@SpringBootApplication
public class PolicyTrainerApplication {

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("demo")) {
      Optional<Integer> child =
          Relaunch.withReproducibleMath(PolicyTrainerApplication.class.getName(), args);
      if (child.isPresent()) {
        System.exit(child.get());
      }
      EngineSetup.configure(null);
      System.exit(DemoCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    EngineSetup.configure(null);
    SpringApplication.run(PolicyTrainerApplication.class, args);
  }
}
