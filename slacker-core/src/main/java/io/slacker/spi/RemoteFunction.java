package io.slacker.spi;

import java.util.List;

/**
 * A function exposed by name without a Java interface (slacker's map-exposed namespaces). It
 * receives the decoded arguments; returning a {@link java.util.concurrent.CompletionStage} makes
 * it asynchronous.
 */
@FunctionalInterface
public interface RemoteFunction {
    /**
     * Runs the function.
     *
     * @param args the decoded arguments (the Clojure data model)
     * @return the result: any value the content type can encode, or a CompletionStage of one
     * @throws Exception answered to the caller as an exception result
     */
    Object invoke(List<Object> args) throws Exception;
}
