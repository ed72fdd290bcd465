package dev.arbiter.verifier.math;

import dev.arbiter.verifier.math.equiv.SymbolicSimplifier;
import dev.arbiter.verifier.math.equiv.SymjaSimplifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@code math} scorer wherever this module is on the classpath: in its own service
 * and in the one-process suite.
 */
@AutoConfiguration
@EnableConfigurationProperties(MathVerifierProperties.class)
public class MathVerifierAutoConfiguration {

  @Bean(destroyMethod = "close")
  MathScorer mathScorer(MathVerifierProperties properties) {
    SymbolicSimplifier simplifier = SymbolicSimplifier.NONE;
    if (properties.symbolic()) {
      SymjaSimplifier symja = new SymjaSimplifier();
      Thread warmUp = new Thread(symja::warmUp, "symja-warm-up");
      warmUp.setDaemon(true);
      warmUp.start();
      simplifier = symja;
    }
    return new MathScorer(new MathVerifier(simplifier), properties);
  }
}
