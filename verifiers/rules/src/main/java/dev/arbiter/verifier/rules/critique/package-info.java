/** {@code critique}: the critique's last conclusion against the gold correctness label. */
package dev.arbiter.verifier.rules.critique;
