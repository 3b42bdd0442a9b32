package io.slacker.gateway.internal;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.slacker.gateway.GatewayConfig;
import io.slacker.gateway.RequestContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** The request context of one HTTP request. */
public final class DefaultRequestContext implements RequestContext {
    private static final byte[] EMPTY = new byte[0];

    private final String method;
    private final String uri;
    private final String path;
    private final Map<String, List<String>> query;
    private final HttpHeaders requestHeaders;
    private final byte[] body;
    private final String remoteAddress;
    private final GatewayConfig config;
    private final FilterChain chain;
    private final Map<String, Object> attributes = new HashMap<>();
    private final HttpHeaders responseHeaders = new DefaultHttpHeaders();
    private String targetService;
    private String routeUri;
    private boolean hasResponse;
    private int status = 200;
    private byte[] responseBody = EMPTY;
    private Throwable error;
    private CompletionStage<?> pending;

    /** A context; {@code chain} runs custom filter types on request. */
    public DefaultRequestContext(String method, String uri, HttpHeaders headers, byte[] body, String remoteAddress,
                                 GatewayConfig config, FilterChain chain) {
        this.method = method;
        this.uri = uri;
        QueryStringDecoder q = new QueryStringDecoder(uri);
        this.path = q.path();
        this.query = q.parameters();
        this.requestHeaders = headers;
        this.body = body;
        this.remoteAddress = remoteAddress;
        this.config = config;
        this.chain = chain;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Map<String, List<String>> queryParams() {
        return query;
    }

    @Override
    public HttpHeaders requestHeaders() {
        return requestHeaders;
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public GatewayConfig config() {
        return config;
    }

    @Override
    public String targetService() {
        return targetService;
    }

    @Override
    public void targetService(String service) {
        this.targetService = service;
    }

    @Override
    public String routeUri() {
        return routeUri;
    }

    @Override
    public void routeUri(String uri) {
        this.routeUri = uri;
    }

    @Override
    public Object attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void attribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public boolean hasResponse() {
        return hasResponse;
    }

    @Override
    public void respond(int status, String contentType, byte[] body) {
        this.hasResponse = true;
        this.status = status;
        this.responseBody = body == null ? EMPTY : body;
        if (contentType != null) {
            responseHeaders.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        } else {
            responseHeaders.remove(HttpHeaderNames.CONTENT_TYPE);
        }
    }

    @Override
    public int responseStatus() {
        return status;
    }

    @Override
    public byte[] responseBody() {
        return responseBody;
    }

    @Override
    public HttpHeaders responseHeaders() {
        return responseHeaders;
    }

    @Override
    public Throwable error() {
        return error;
    }

    @Override
    public void error(Throwable error) {
        this.error = error;
    }

    @Override
    public void await(CompletionStage<?> stage) {
        Objects.requireNonNull(stage, "stage");
        if (pending != null) {
            throw new IllegalStateException("a filter may await one stage per run");
        }
        pending = stage;
    }

    /** The stage the last filter asked to wait for, cleared. */
    CompletionStage<?> takePending() {
        CompletionStage<?> p = pending;
        pending = null;
        return p;
    }

    @Override
    public CompletionStage<Void> runFilters(String type) {
        return chain.runType(this, type);
    }
}
