/**
 * Start-up support used by slacker's own modules; not part of the public API.
 */
package io.slacker.internal;
