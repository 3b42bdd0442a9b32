/**
 * Implementation of slacker-core (protocol, serialization, client, server, call state) and start-up
 * support; not part of the public API: the module does not export it.
 */
package io.slacker.internal;
