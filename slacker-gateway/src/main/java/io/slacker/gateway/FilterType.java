package io.slacker.gateway;

/** The standard filter types (stages); any other string is a custom type. */
public final class FilterType {
    /** Before routing: CORS, request ids, authentication, rate limits, service detection, static answers. */
    public static final String PRE = "pre";
    /** Routing: calls the slacker function or forwards to an HTTP origin. */
    public static final String ROUTE = "route";
    /** After routing (and after error filters): response decoration. */
    public static final String POST = "post";
    /** When a filter failed: turns {@link RequestContext#error()} into a response. */
    public static final String ERROR = "error";

    private FilterType() {
    }
}
