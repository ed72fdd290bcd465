/** The ANTLR grammar front end: parser facade, AST builder, canonical printer. */
package dev.arbiter.verifier.math.parse;
