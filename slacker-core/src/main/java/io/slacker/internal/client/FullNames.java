package io.slacker.internal.client;

/**
 * The full names ({@code ns/fn}) of a client's calls: the last one is reused while calls go to
 * the same function (the common case), so most calls build no string. Thread-safe.
 */
final class FullNames {
    /** The last full name made. */
    private volatile Entry last = new Entry("", "", "/");

    private record Entry(String ns, String fn, String full) {
    }

    /** {@code ns/fn}. */
    String of(String ns, String fn) {
        if (ns == null || fn == null) {
            return ns + "/" + fn;
        }
        Entry e = last;
        if (e.ns.equals(ns) && e.fn.equals(fn)) {
            return e.full;
        }
        String full = ns + "/" + fn;
        last = new Entry(ns, fn, full);
        return full;
    }
}
