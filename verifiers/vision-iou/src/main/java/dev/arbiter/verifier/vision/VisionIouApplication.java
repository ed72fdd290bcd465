package dev.arbiter.verifier.vision;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The vision-iou service alone: {@code java -jar verifiers/vision-iou/target/vision-iou.jar}. */
@SpringBootApplication
public class VisionIouApplication {

  public static void main(String[] args) {
    SpringApplication.run(VisionIouApplication.class, args);
  }
}
