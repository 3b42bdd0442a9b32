package io.slacker.cluster.zk;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Asks a slacker server for its function metadata with the inspect packet of the protocol
 * (v5, EDN payloads), over one short-lived blocking connection. The cluster server publishes
 * exactly the bytes the server's own inspect {@code :meta} gives.
 */
public final class SelfInspector implements AutoCloseable {
    private static final int V5 = 5;
    private static final int INSPECT_REQ = 7;
    private static final int INSPECT_ACK = 8;
    private static final int ERROR = 4;
    private static final int CMD_FUNCTIONS = 0;
    private static final int CMD_META = 1;

    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;
    private int tid;

    private SelfInspector(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new DataOutputStream(socket.getOutputStream());
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects to the first host that accepts (e.g. loopback, then the advertised host). */
    public static SelfInspector connect(List<String> hosts, int port, int timeoutMs) throws IOException {
        IOException last = null;
        for (String host : hosts) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(host, port), timeoutMs);
                s.setSoTimeout(timeoutMs);
                s.setTcpNoDelay(true);
                return new SelfInspector(s);
            } catch (IOException e) {
                s.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException("no host to connect to");
    }

    /** The EDN text of {@code (\"ns/fn\" ...)} for a prefix. */
    public byte[] functions(String prefix) throws IOException {
        return ask(CMD_FUNCTIONS, ednString(prefix));
    }

    /** The EDN text of the metadata map of {@code ns/fn}. */
    public byte[] meta(String fullName) throws IOException {
        return ask(CMD_META, ednString(fullName));
    }

    private synchronized byte[] ask(int cmd, byte[] arg) throws IOException {
        int id = ++tid;
        out.writeByte(V5);
        out.writeInt(id);
        out.writeByte(INSPECT_REQ);
        out.writeByte(cmd);
        out.writeShort(arg.length);
        out.write(arg);
        out.flush();
        while (true) {
            int version = in.readUnsignedByte();
            int rtid = in.readInt();
            int type = in.readUnsignedByte();
            if (type == ERROR) {
                throw new IOException("server answered inspect with error code " + in.readUnsignedByte());
            }
            if (type != INSPECT_ACK) {
                throw new IOException("unexpected packet type " + type + " (version " + version + ")");
            }
            byte[] data = readFully(in, in.readUnsignedShort());
            if (rtid == id) {
                return data;
            }
        }
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        new DataInputStream(in).readFully(b);
        return b;
    }

    /** An EDN string literal. */
    static byte[] ednString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
