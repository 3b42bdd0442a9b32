/**
 * Spring Boot auto-configuration for slacker: {@code slacker.server.*}, {@code slacker.client.*} and
 * {@code slacker.cluster.*} properties ({@link io.slacker.spring.boot.SlackerProperties}), beans
 * implementing {@code @Namespace} interfaces exposed on a plain or a cluster server, remote
 * interfaces from {@code slacker.client.proxies} injectable as beans, a graceful stop on context
 * close and an Actuator health indicator.
 */
package io.slacker.spring.boot;
