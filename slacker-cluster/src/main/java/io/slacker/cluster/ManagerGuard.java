package io.slacker.cluster;

import io.slacker.spi.CallContext;
import io.slacker.spi.Interceptor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a call of the manager namespace run only when authorized: from an allowed address
 * (loopback only unless an allow-list is given) and, when a token is set, carrying it as the
 * {@link ClusterServer#MANAGER_TOKEN_EXTENSION} extension. Checked in {@code pre}, before the
 * arguments are even decoded; a refused call answers an exception and its function never runs.
 */
final class ManagerGuard implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger(ManagerGuard.class);

    private final byte[] token;
    private final Set<InetAddress> allowed;

    /**
     * @param token the shared token, or null for none
     * @param allowed the addresses calls may come from; empty: loopback addresses only
     */
    ManagerGuard(String token, Set<InetAddress> allowed) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.allowed = Set.copyOf(allowed);
    }

    @Override
    public void pre(CallContext call) {
        if (!ClusterServer.MANAGER_NAMESPACE.equals(call.namespace())) {
            return;
        }
        String why = refusal(call);
        if (why != null) {
            LOG.warn("{}: {} refused: {}", call.remoteAddress(), call.fullName(), why);
            call.error(new SecurityException(call.fullName() + " refused: " + why));
        }
    }

    private String refusal(CallContext call) {
        InetAddress from = address(call.remoteAddress());
        if (allowed.isEmpty() ? from == null || !from.isLoopbackAddress() : !allowed.contains(from)) {
            return "address " + (from == null ? "unknown" : from.getHostAddress()) + " is not allowed to manage this server";
        }
        if (token != null) {
            Object given = call.extension(ClusterServer.MANAGER_TOKEN_EXTENSION);
            byte[] bytes = given instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : new byte[0];
            if (!MessageDigest.isEqual(token, bytes)) {
                return given == null ? "no manager token (extension " + ClusterServer.MANAGER_TOKEN_EXTENSION + ")"
                    : "wrong manager token (extension " + ClusterServer.MANAGER_TOKEN_EXTENSION + ")";
            }
        }
        return null;
    }

    private static InetAddress address(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i.getAddress() : null;
    }
}
