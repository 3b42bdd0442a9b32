package io.slacker.gateway;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The state of one request on its way through the filter chain: the request, the response being
 * built, the routing decision (target service, route URI), free-form attributes and the error.
 * Filters communicate only through it. It is used by one request at a time (filters of a request
 * never run concurrently), so it needs no locking.
 */
public interface RequestContext {

    // ------------------------------------------------------------ request

    /** The HTTP method, upper case. */
    String method();

    /** The request URI as received (path and query). */
    String uri();

    /** The decoded path, without the query. */
    String path();

    /** The query parameters, decoded. */
    Map<String, List<String>> queryParams();

    /** The first value of a query parameter, or null. */
    default String queryParam(String name) {
        List<String> v = queryParams().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The request headers (mutable: pre filters may add headers for the origin). */
    HttpHeaders requestHeaders();

    /** The request body (empty when none). */
    byte[] body();

    /** The client's address as {@code host:port}. */
    String remoteAddress();

    /** The configuration in force for this request (a snapshot: a live change applies to later requests). */
    GatewayConfig config();

    // ------------------------------------------------------------ routing

    /** The service the request goes to (a route name, or a slacker namespace), or null. */
    String targetService();

    /** Sets the target service. */
    void targetService(String service);

    /** The URI to route to (for the slacker route {@code /ns/fn}; for HTTP forward the origin URL), or null. */
    String routeUri();

    /** Sets the route URI. */
    void routeUri(String uri);

    /** A free-form attribute, or null. */
    Object attribute(String name);

    /** Sets (or with null removes) a free-form attribute. */
    void attribute(String name, Object value);

    // ------------------------------------------------------------ response

    /** Whether a response has been set (route filters skip such requests). */
    boolean hasResponse();

    /** Sets the response status, content type and body. */
    void respond(int status, String contentType, byte[] body);

    /** The response status (200 until set). */
    int responseStatus();

    /** The response body (empty until set). */
    byte[] responseBody();

    /** The response headers (mutable). */
    HttpHeaders responseHeaders();

    // ------------------------------------------------------------ errors and flow

    /** The failure that sent the request to the error filters, or null. */
    Throwable error();

    /** Sets (or clears) the failure. */
    void error(Throwable error);

    /**
     * Makes the chain wait for {@code stage} after the current filter returns, without blocking a
     * thread; a failed stage counts as the filter having thrown. At most one stage per filter run.
     */
    void await(CompletionStage<?> stage);

    /** Runs the filters of a (custom) type now; the returned stage completes when they are done. */
    CompletionStage<Void> runFilters(String type);
}
