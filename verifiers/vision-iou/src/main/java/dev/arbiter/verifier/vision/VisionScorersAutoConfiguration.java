package dev.arbiter.verifier.vision;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Registers the vision scorers wherever this module is on the classpath: in its own service and in
 * the one-process suite.
 */
@AutoConfiguration
public class VisionScorersAutoConfiguration {}
