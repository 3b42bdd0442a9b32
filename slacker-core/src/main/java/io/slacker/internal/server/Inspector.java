package io.slacker.internal.server;

import io.slacker.ConnectedClient;
import io.slacker.ContentType;
import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.internal.protocol.InspectCommand;
import io.slacker.spi.Serializer;
import io.slacker.spi.Serializers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers inspect requests ({@code :functions}, {@code :meta}, {@code :clients}); always EDN. */
final class Inspector {
    private final FunctionRegistry registry;
    private final Serializers serializers;
    private final String version;
    private final Instant startedOn;

    Inspector(FunctionRegistry registry, Serializers serializers, String version, Instant startedOn) {
        this.registry = registry;
        this.serializers = serializers;
        this.version = version;
        this.startedOn = startedOn;
    }

    /**
     * The EDN answer to one inspect command.
     *
     * @throws IllegalArgumentException for an unknown command or a bad argument
     */
    byte[] answer(int commandCode, byte[] argument, Collection<ConnectedClient> clients) {
        InspectCommand cmd = InspectCommand.fromCode(commandCode);
        if (cmd == null) {
            throw new IllegalArgumentException("unknown inspect command " + commandCode);
        }
        Serializer edn = serializers.get(ContentType.CLJ);
        Object arg = argument.length == 0 ? null : edn.deserialize(argument);
        Object result = switch (cmd) {
            case FUNCTIONS -> functions(arg == null ? null : String.valueOf(arg));
            case META -> meta(arg == null ? null : String.valueOf(arg));
            case CLIENTS -> clients(clients);
        };
        return edn.serialize(result);
    }

    /**
     * {@code ("ns/fn" ...)}: every function whose {@code ns/fn} starts with the prefix (all for
     * null), in the order the Clojure server lists the same names ({@link ClojureKeyOrder}).
     */
    List<Object> functions(String prefix) {
        List<String> all = new ArrayList<>();
        for (ExposedFunction f : registry.all()) {
            all.add(f.fullName());
        }
        List<Object> names = new ArrayList<>();
        for (String name : ClojureKeyOrder.of(all)) {
            if (prefix == null || name.startsWith(prefix)) {
                names.add(name);
            }
        }
        return ClojureList.copyOf(names);
    }

    Map<Keyword, Object> meta(String fullName) {
        ExposedFunction f = fullName == null ? null : registry.find(fullName);
        return f == null ? Map.of() : f.meta();
    }

    Map<Keyword, Object> clients(Collection<ConnectedClient> clients) {
        List<Object> list = new ArrayList<>();
        for (ConnectedClient c : clients) {
            Map<Keyword, Object> m = new LinkedHashMap<>();
            m.put(Keyword.of("addr"), String.valueOf(c.address()));
            m.put(Keyword.of("name"), c.name());
            m.put(Keyword.of("version"), c.version());
            m.put(Keyword.of("connected-on"), c.connectedOn());
            list.add(m);
        }
        Map<Keyword, Object> out = new LinkedHashMap<>();
        out.put(Keyword.of("connected-clients"), ClojureList.copyOf(list));
        out.put(Keyword.of("started-on"), startedOn);
        out.put(Keyword.of("version"), version);
        return out;
    }
}
