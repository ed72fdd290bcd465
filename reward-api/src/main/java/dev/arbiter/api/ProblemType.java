package dev.arbiter.api;

import java.net.URI;

/** The RFC 9457 problem types a request can fail with, and their HTTP statuses. */
public enum ProblemType {
  MALFORMED_REQUEST("malformed-request", "Malformed request", 400),
  REQUEST_TIMEOUT("request-timeout", "Request not received in time", 408),
  URI_TOO_LONG("uri-too-long", "Request line too long", 414),
  HEADERS_TOO_LARGE("headers-too-large", "Request headers too large", 431),
  UNKNOWN_SCORER("unknown-scorer", "Unknown scorer", 422),
  UNKNOWN_PROFILE("unknown-profile", "Unknown profile", 422),
  INVALID_REQUEST("invalid-request", "Invalid request", 422),
  /** A resource a service keeps (a rubric task or version) does not exist. */
  NOT_FOUND("not-found", "Not found", 404),
  /** An update named a version that is no longer the latest (optimistic versioning). */
  VERSION_CONFLICT("version-conflict", "Version conflict", 409),
  TOO_MANY_ITEMS("too-many-items", "Too many items", 413),
  BODY_TOO_LARGE("body-too-large", "Request body too large", 413),
  OVERLOADED("overloaded", "Service overloaded", 503),
  INTERNAL("internal", "Internal error", 500);

  /** Base of every problem type URI. */
  public static final String BASE = "https://arbiter.dev/problems/";

  private final String slug;
  private final String title;
  private final int status;

  ProblemType(String slug, String title, int status) {
    this.slug = slug;
    this.title = title;
    this.status = status;
  }

  public URI uri() {
    return URI.create(BASE + slug);
  }

  public String title() {
    return title;
  }

  public int status() {
    return status;
  }
}
