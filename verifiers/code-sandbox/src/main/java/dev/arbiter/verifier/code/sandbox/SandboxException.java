package dev.arbiter.verifier.code.sandbox;

/** The sandbox could not run a program (an infrastructure failure, never a verdict). */
public class SandboxException extends RuntimeException {

  public SandboxException(String message) {
    super(message);
  }

  public SandboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
