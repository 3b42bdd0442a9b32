package io.slacker.examples.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the CPU samples of a JFR recording (made with {@code -XX:StartFlightRecording}, for
 * instance of {@link RpcBenchmark}): samples per thread group, the top methods by self samples,
 * and the top methods by inclusive samples (each method counted once per stack), optionally
 * only those whose class name starts with a prefix.
 *
 * <p>Run: {@code java -cp ... io.slacker.examples.bench.JfrTopFrames rec.jfr [--top=25]
 * [--include=io.slacker] [--thread=slacker-worker] [--focus=LockSupport.unpark] [--event=jdk.ExecutionSample]}.
 */
public final class JfrTopFrames {
    private JfrTopFrames() {
    }

    /** Reads the recording and prints the tables. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: JfrTopFrames file.jfr [--top=N] [--include=classPrefix] [--thread=namePrefix] "
                + "[--focus=methodSubstring] [--event=jdk.ExecutionSample]");
            System.exit(2);
        }
        int top = 25;
        String include = "";
        String thread = "";
        String event = "jdk.ExecutionSample";
        String focus = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String v = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("--top=")) {
                top = Integer.parseInt(v);
            } else if (a.startsWith("--include=")) {
                include = v;
            } else if (a.startsWith("--thread=")) {
                thread = v;
            } else if (a.startsWith("--focus=")) {
                focus = v;
            } else if (a.startsWith("--event=")) {
                event = v;
            } else {
                throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> focused = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals(event)) {
                continue;
            }
            RecordedThread t = e.getThread("sampledThread");
            String name = t == null || t.getJavaName() == null ? "?" : t.getJavaName();
            if (!name.startsWith(thread)) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            total++;
            threads.merge(name.replaceFirst("-\\d+$", ""), 1, Integer::sum);
            List<RecordedFrame> frames = st.getFrames();
            self.merge(method(frames.get(0)), 1, Integer::sum);
            if (focus != null) {
                focusedStack(frames, focus, name.replaceFirst("-\\d+$", ""), focused);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String m = method(f);
                if (m.startsWith(include) && seen.add(m)) {
                    inclusive.merge(m, 1, Integer::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d %s samples%s%n%n", total, event, thread.isEmpty() ? "" : " of threads " + thread + "*");
        print("samples by thread (numbers stripped)", threads, total, top);
        print("top methods, self", self, total, top);
        print("top methods, inclusive" + (include.isEmpty() ? "" : " (" + include + "*)"), inclusive, total, top);
        if (focus != null) {
            print("stacks through " + focus + " (that frame and 10 callers)", focused, total, top);
        }
    }

    /** Counts the stack from the first frame containing {@code focus} and its next callers. */
    private static void focusedStack(List<RecordedFrame> frames, String focus, String thread, Map<String, Integer> out) {
        for (int i = 0; i < frames.size(); i++) {
            if (method(frames.get(i)).contains(focus)) {
                StringBuilder sb = new StringBuilder("[" + thread + "]");
                for (int j = i; j < Math.min(frames.size(), i + 11); j++) {
                    sb.append("\n           <- ").append(method(frames.get(j)));
                }
                out.merge(sb.toString(), 1, Integer::sum);
                return;
            }
        }
    }

    private static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int total, int top) {
        System.out.println(title + ":");
        List<Map.Entry<String, Integer>> list = new ArrayList<>(counts.entrySet());
        list.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        for (int i = 0; i < Math.min(top, list.size()); i++) {
            Map.Entry<String, Integer> e = list.get(i);
            System.out.printf(Locale.ROOT, "  %6d %5.1f%%  %s%n", e.getValue(), 100.0 * e.getValue() / Math.max(1, total), e.getKey());
        }
        System.out.println();
    }
}
