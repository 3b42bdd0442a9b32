package io.slacker.spi;

import java.util.List;

/**
 * Answers calls of functions a namespace does not have, like slacker's
 * {@code -slacker-function-not-found}: its return value is sent as a normal result.
 */
@FunctionalInterface
public interface NotFoundHandler {
    /**
     * Handles a call of an unknown function.
     *
     * @param function the function name (without namespace)
     * @param args     the decoded arguments
     * @return the result to send
     * @throws Exception answered to the caller as an exception result
     */
    Object handle(String function, List<Object> args) throws Exception;
}
