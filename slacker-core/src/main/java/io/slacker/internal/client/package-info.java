/**
 * Implementation of {@link io.slacker.SlackerClient}: the connection, the pending-call table, the
 * call pipeline, the one proxy implementation every {@link io.slacker.SlackerCaller} shares, and
 * the blocking wait with its I/O-thread guard. Not API.
 */
package io.slacker.internal.client;
