package io.slacker.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.FrameCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A plain socket speaking frames, for tests that drive a server byte by byte: write frames or
 * raw bytes, read frames by transaction id (replies may come in any order).
 */
public final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final String name;
    private final ByteBuf in = Unpooled.buffer();
    private final List<Frame> unclaimed = new ArrayList<>();

    /** Connects to 127.0.0.1:port, with a 5 s read timeout. */
    public RawConnection(int port, String name) {
        this.name = name;
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
        } catch (IOException e) {
            throw new AssertionError("cannot connect to port " + port, e);
        }
    }

    /** Connects to 127.0.0.1:port. */
    public RawConnection(int port) {
        this(port, "port " + port);
    }

    /** The socket (for timeouts, half-close...). */
    public Socket socket() {
        return socket;
    }

    /** Writes raw bytes. */
    public RawConnection write(byte[] b) {
        try {
            socket.getOutputStream().write(b);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new AssertionError("write on " + name, e);
        }
    }

    /** Writes one frame. */
    public RawConnection send(Frame f) {
        ByteBuf b = Unpooled.buffer();
        try {
            FrameCodec.encode(f, b);
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            return write(bytes);
        } finally {
            b.release();
        }
    }

    /** The next frame with this tid and packet type code; others are kept for later. */
    public Frame await(int tid, int type) {
        for (Iterator<Frame> it = unclaimed.iterator(); it.hasNext(); ) {
            Frame f = it.next();
            if (f.tid() == tid && f.type().code() == type) {
                it.remove();
                return f;
            }
        }
        while (true) {
            Frame f = read("tid " + tid + " type " + type);
            if (f.tid() == tid && f.type().code() == type) {
                return f;
            }
            unclaimed.add(f);
        }
    }

    /** The next frame with this tid, whatever its type. */
    public Frame await(int tid) {
        for (Iterator<Frame> it = unclaimed.iterator(); it.hasNext(); ) {
            Frame f = it.next();
            if (f.tid() == tid) {
                it.remove();
                return f;
            }
        }
        while (true) {
            Frame f = read("tid " + tid);
            if (f.tid() == tid) {
                return f;
            }
            unclaimed.add(f);
        }
    }

    /** The next frame, whatever it is. */
    public Frame next() {
        return unclaimed.isEmpty() ? read("any frame") : unclaimed.remove(0);
    }

    /** Frames read but not claimed yet. */
    public List<Frame> unclaimed() {
        return unclaimed;
    }

    private Frame read(String what) {
        try {
            InputStream s = socket.getInputStream();
            byte[] chunk = new byte[4096];
            while (true) {
                Frame f = FrameCodec.decode(in, FrameCodec.DEFAULT_MAX_BODY);
                if (f != null) {
                    in.discardReadBytes();
                    return f;
                }
                int n = s.read(chunk);
                if (n < 0) {
                    throw new AssertionError(name + " closed by the peer while waiting for " + what);
                }
                in.writeBytes(chunk, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer on " + name + " for " + what + "; unclaimed " + unclaimed, e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether the peer has closed the connection (reads until EOF or the timeout). */
    public boolean closedByPeer() {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        in.release();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
