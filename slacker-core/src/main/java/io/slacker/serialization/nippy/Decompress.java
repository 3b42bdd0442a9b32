package io.slacker.serialization.nippy;

import io.slacker.serialization.SerializationException;

/**
 * The two block decompressors nippy's header can name that need nothing beyond the JDK: LZ4 (nippy
 * prefixes the block with the uncompressed size as a 4-byte int) and Snappy (raw format, varint
 * size first). Both check every offset and length; output size is bounded before allocation.
 */
final class Decompress {
    private Decompress() {
    }

    /** nippy's LZ4 framing: int32 uncompressed length, then one LZ4 block. */
    static byte[] lz4(byte[] src, int off, int end, int maxOut) {
        if (end - off < 4) {
            throw new SerializationException("nippy lz4: truncated size prefix");
        }
        int outLen = ((src[off] & 0xff) << 24) | ((src[off + 1] & 0xff) << 16) | ((src[off + 2] & 0xff) << 8)
                | (src[off + 3] & 0xff);
        int ip = off + 4;
        // an LZ4 block cannot expand more than ~255:1
        if (outLen < 0 || outLen > maxOut || outLen > (long) (end - ip) * 255 + 64) {
            throw new SerializationException("nippy lz4: implausible uncompressed size " + outLen);
        }
        byte[] out = new byte[outLen];
        int op = 0;
        while (ip < end) {
            int token = src[ip++] & 0xff;
            int lit = token >>> 4;
            if (lit == 15) {
                int b;
                do {
                    if (ip >= end) {
                        throw truncated();
                    }
                    b = src[ip++] & 0xff;
                    lit += b;
                } while (b == 255 && lit < outLen + 255);
            }
            if (lit > end - ip || lit > outLen - op) {
                throw new SerializationException("nippy lz4: literal run out of bounds");
            }
            System.arraycopy(src, ip, out, op, lit);
            ip += lit;
            op += lit;
            if (ip == end) {
                break; // the last sequence holds literals only
            }
            if (end - ip < 2) {
                throw truncated();
            }
            int offset = (src[ip] & 0xff) | ((src[ip + 1] & 0xff) << 8);
            ip += 2;
            if (offset == 0 || offset > op) {
                throw new SerializationException("nippy lz4: bad match offset " + offset);
            }
            int match = token & 15;
            if (match == 15) {
                int b;
                do {
                    if (ip >= end) {
                        throw truncated();
                    }
                    b = src[ip++] & 0xff;
                    match += b;
                } while (b == 255 && match < outLen + 255);
            }
            match += 4;
            if (match > outLen - op) {
                throw new SerializationException("nippy lz4: match out of bounds");
            }
            copyMatch(out, op, offset, match);
            op += match;
        }
        if (op != outLen) {
            throw new SerializationException("nippy lz4: decompressed " + op + " bytes, header said " + outLen);
        }
        return out;
    }

    /** Raw Snappy: varint uncompressed length, then literal and copy elements. */
    static byte[] snappy(byte[] src, int off, int end, int maxOut) {
        int ip = off;
        long outLen = 0;
        for (int shift = 0; ; shift += 7) {
            if (ip >= end || shift > 28) {
                throw new SerializationException("nippy snappy: bad length varint");
            }
            int b = src[ip++] & 0xff;
            outLen |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                break;
            }
        }
        // a 3-byte copy element yields at most 64 bytes
        if (outLen > maxOut || outLen > (long) (end - ip) * 22 + 64) {
            throw new SerializationException("nippy snappy: implausible uncompressed size " + outLen);
        }
        byte[] out = new byte[(int) outLen];
        int op = 0;
        while (ip < end) {
            int tag = src[ip++] & 0xff;
            int kind = tag & 3;
            if (kind == 0) {
                int lit = tag >>> 2;
                if (lit >= 60) {
                    int extra = lit - 59;
                    if (end - ip < extra) {
                        throw truncated();
                    }
                    long l = 0;
                    for (int i = 0; i < extra; i++) {
                        l |= (long) (src[ip++] & 0xff) << (8 * i);
                    }
                    if (l >= Integer.MAX_VALUE) {
                        throw new SerializationException("nippy snappy: literal too long");
                    }
                    lit = (int) l;
                }
                lit += 1;
                if (lit > end - ip || lit > out.length - op) {
                    throw new SerializationException("nippy snappy: literal out of bounds");
                }
                System.arraycopy(src, ip, out, op, lit);
                ip += lit;
                op += lit;
                continue;
            }
            int len;
            int offset;
            if (kind == 1) {
                if (end - ip < 1) {
                    throw truncated();
                }
                len = ((tag >>> 2) & 7) + 4;
                offset = ((tag >>> 5) << 8) | (src[ip++] & 0xff);
            } else if (kind == 2) {
                if (end - ip < 2) {
                    throw truncated();
                }
                len = (tag >>> 2) + 1;
                offset = (src[ip] & 0xff) | ((src[ip + 1] & 0xff) << 8);
                ip += 2;
            } else {
                if (end - ip < 4) {
                    throw truncated();
                }
                len = (tag >>> 2) + 1;
                offset = (src[ip] & 0xff) | ((src[ip + 1] & 0xff) << 8) | ((src[ip + 2] & 0xff) << 16)
                        | ((src[ip + 3] & 0xff) << 24);
                ip += 4;
            }
            if (offset <= 0 || offset > op || len > out.length - op) {
                throw new SerializationException("nippy snappy: bad copy (offset " + offset + ", length " + len + ")");
            }
            copyMatch(out, op, offset, len);
            op += len;
        }
        if (op != out.length) {
            throw new SerializationException("nippy snappy: decompressed " + op + " bytes, header said " + outLen);
        }
        return out;
    }

    private static void copyMatch(byte[] out, int op, int offset, int len) {
        int from = op - offset;
        if (offset >= len) {
            System.arraycopy(out, from, out, op, len);
        } else {
            for (int i = 0; i < len; i++) {
                out[op + i] = out[from + i]; // overlapping copy repeats the pattern
            }
        }
    }

    private static SerializationException truncated() {
        return new SerializationException("nippy: truncated compressed data");
    }
}
