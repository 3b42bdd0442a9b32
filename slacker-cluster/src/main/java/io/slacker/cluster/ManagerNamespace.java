package io.slacker.cluster;

import io.slacker.spi.RemoteFunction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The functions of {@link ClusterServer#MANAGER_NAMESPACE}, as slacker-cluster's: offline,
 * offline-ns, online, online-ns, set-server-data!, server-data, shutdown.
 */
final class ManagerNamespace {
    private ManagerNamespace() {
    }

    /** The manager functions acting on the cluster server {@code self} gives (set once it started). */
    static Map<String, RemoteFunction> functions(Supplier<ClusterServer> self) {
        Map<String, RemoteFunction> m = new LinkedHashMap<>();
        m.put("offline", args -> {
            self.get().offline();
            return null;
        });
        m.put("offline-ns", args -> {
            self.get().offline(String.valueOf(args.get(0)));
            return null;
        });
        m.put("online", args -> {
            self.get().online();
            return null;
        });
        m.put("online-ns", args -> {
            self.get().online(String.valueOf(args.get(0)));
            return null;
        });
        m.put("set-server-data!", args -> {
            self.get().setServerData(args.isEmpty() ? null : args.get(0));
            return null;
        });
        m.put("server-data", args -> self.get().serverData());
        m.put("shutdown", args -> {
            Thread t = new Thread(() -> self.get().stop(), "slacker-cluster-shutdown");
            t.start();
            return null;
        });
        return m;
    }
}
