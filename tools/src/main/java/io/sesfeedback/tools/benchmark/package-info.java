/**
 * {@code bin/benchmark}: the recorder against the wire as Lambda runs it, in child JVMs on the
 * Lambda artifact's classpath (cold, primed and warm paths, each beside a bare-SDK floor), against
 * moto on loopback.
 */
package io.sesfeedback.tools.benchmark;
