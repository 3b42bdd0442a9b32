package io.slacker.spi;

import java.util.List;

/**
 * Code that runs around calls. Every stage has a no-op default.
 *
 * <p>Server: {@code pre} when the request arrives (arguments not decoded yet), {@code before}
 * with the decoded arguments right before the function runs (set a result or cancel to skip it),
 * {@code after} with the result or error, {@code post} when the response is about to be sent.
 * Client: {@code pre} before the arguments are encoded, {@code before} right before sending,
 * {@code after} when the response arrived, {@code post} with the decoded result or error.
 *
 * <p>An exception thrown by a stage fails the call with that exception.
 */
public interface Interceptor {
    /** The first stage. */
    default void pre(CallContext call) {
    }

    /** Before the function runs (server) or the request is sent (client). */
    default void before(CallContext call) {
    }

    /** After the function ran (server) or the response arrived (client). */
    default void after(CallContext call) {
    }

    /** The last stage. */
    default void post(CallContext call) {
    }

    /**
     * These interceptors as one: {@code pre} and {@code before} in the given order,
     * {@code after} and {@code post} in reverse.
     */
    static Interceptor chain(List<? extends Interceptor> interceptors) {
        List<Interceptor> list = List.copyOf(interceptors);
        if (list.isEmpty()) {
            return NONE;
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        return new Interceptor() {
            @Override
            public void pre(CallContext call) {
                for (Interceptor i : list) {
                    i.pre(call);
                }
            }

            @Override
            public void before(CallContext call) {
                for (Interceptor i : list) {
                    i.before(call);
                }
            }

            @Override
            public void after(CallContext call) {
                for (int k = list.size() - 1; k >= 0; k--) {
                    list.get(k).after(call);
                }
            }

            @Override
            public void post(CallContext call) {
                for (int k = list.size() - 1; k >= 0; k--) {
                    list.get(k).post(call);
                }
            }
        };
    }

    /** The interceptor that does nothing. */
    Interceptor NONE = new Interceptor() {
    };
}
