/**
 * A sample of the starter: {@code sample.server.SampleServer} exposes the {@code Greeter} bean (a
 * plain server, or a cluster one with {@code slacker.cluster.*}); {@code sample.client.SampleClient}
 * injects {@code Greeter} as a remote proxy into {@code Welcome}. The tests beside run both.
 */
package io.slacker.spring.sample;
