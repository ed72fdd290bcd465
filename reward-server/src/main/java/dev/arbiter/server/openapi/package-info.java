/** The OpenAPI document's corrections: free-form JSON, nullability, problems, title and version. */
package dev.arbiter.server.openapi;
