/**
 * Interceptors: code that runs around every call, on the server and on the client, with a
 * {@link io.slacker.interceptor.CallContext} to read and change the call.
 */
package io.slacker.interceptor;
