package dev.clipstream.fleet.clip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds ISO-BMFF boxes in memory: a box is a 32-bit size, a four-character type, then its content. */
final class BoxWriter {

    /** Writes the content of one box. */
    @FunctionalInterface
    interface Content {
        void write(BoxWriter out);
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);

    static byte[] box(String type, Content content) {
        BoxWriter body = new BoxWriter();
        content.write(body);
        byte[] payload = body.toByteArray();
        BoxWriter box = new BoxWriter();
        box.u32(8L + payload.length);
        box.fourCc(type);
        box.bytes(payload);
        return box.toByteArray();
    }

    /** A "full box": a box whose content starts with a version byte and 24 bits of flags. */
    static byte[] fullBox(String type, int version, int flags, Content content) {
        return box(type, out -> {
            out.u8(version);
            out.u24(flags);
            content.write(out);
        });
    }

    BoxWriter u8(int value) {
        bytes.write(value & 0xFF);
        return this;
    }

    BoxWriter u16(int value) {
        u8(value >>> 8);
        return u8(value);
    }

    BoxWriter u24(int value) {
        u8(value >>> 16);
        return u16(value);
    }

    BoxWriter u32(long value) {
        u16((int) (value >>> 16));
        return u16((int) value);
    }

    BoxWriter u64(long value) {
        u32(value >>> 32);
        return u32(value & 0xFFFFFFFFL);
    }

    BoxWriter zeros(int count) {
        for (int i = 0; i < count; i++) {
            u8(0);
        }
        return this;
    }

    BoxWriter fourCc(String type) {
        byte[] code = type.getBytes(StandardCharsets.US_ASCII);
        if (code.length != 4) {
            throw new IllegalArgumentException("A box type has four characters: " + type);
        }
        return bytes(code);
    }

    BoxWriter bytes(byte[] data) {
        bytes.writeBytes(data);
        return this;
    }

    /** The unity transformation matrix of mvhd and tkhd (16.16 and 2.30 fixed point). */
    BoxWriter unityMatrix() {
        long[] matrix = {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000};
        for (long value : matrix) {
            u32(value);
        }
        return this;
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
