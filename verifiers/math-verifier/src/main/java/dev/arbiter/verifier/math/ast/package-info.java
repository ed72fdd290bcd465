/** The verifier's own AST for parsed answers. */
package dev.arbiter.verifier.math.ast;
