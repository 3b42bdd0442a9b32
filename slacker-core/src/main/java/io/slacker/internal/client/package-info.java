/**
 * The slacker client: {@link io.slacker.SlackerClient} with typed proxies, untyped calls
 * and inspect requests over one multiplexed connection per server.
 */
package io.slacker.internal.client;
