/**
 * The slacker client: {@link io.slacker.client.SlackerClient} with typed proxies, untyped calls
 * and inspect requests over one multiplexed connection per server.
 */
package io.slacker.client;
