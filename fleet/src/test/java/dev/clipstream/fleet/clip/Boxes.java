package dev.clipstream.fleet.clip;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A tiny ISO-BMFF box reader for tests: the tree of boxes, with container boxes opened. */
record Boxes(String type, long size, long offset, ByteBuffer content, List<Boxes> children) {

    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "dinf");

    /** The top-level boxes of a file; mdat content is not kept (it can be large). */
    static List<Boxes> parse(byte[] file) {
        return parse(ByteBuffer.wrap(file), 0, file.length);
    }

    private static List<Boxes> parse(ByteBuffer buffer, int from, int to) {
        List<Boxes> boxes = new ArrayList<>();
        int at = from;
        while (at < to) {
            if (to - at < 8) {
                throw new AssertionError("Trailing " + (to - at) + " bytes at " + at + " are not a box");
            }
            long size = buffer.getInt(at) & 0xFFFF_FFFFL;
            byte[] code = new byte[4];
            buffer.get(at + 4, code);
            String type = new String(code, StandardCharsets.US_ASCII);
            int header = 8;
            if (size == 1) {
                size = buffer.getLong(at + 8);
                header = 16;
            }
            if (size < header || at + size > to) {
                throw new AssertionError("Box '" + type + "' at " + at + " has size " + size + " beyond its parent");
            }
            ByteBuffer content = buffer.slice(at + header, (int) size - header);
            List<Boxes> children = CONTAINERS.contains(type)
                    ? parse(buffer, at + header, (int) (at + size)) : List.of();
            boxes.add(new Boxes(type, size, at, content, children));
            at += (int) size;
        }
        return boxes;
    }

    /** The first box at this path of types, e.g. find(boxes, "moov", "trak", "tkhd"). */
    static Optional<Boxes> find(List<Boxes> boxes, String... path) {
        List<Boxes> level = boxes;
        Boxes found = null;
        for (String type : path) {
            found = level.stream().filter(b -> b.type().equals(type)).findFirst().orElse(null);
            if (found == null) {
                return Optional.empty();
            }
            level = found.children();
        }
        return Optional.ofNullable(found);
    }

    long u32(int offset) {
        return content.getInt(offset) & 0xFFFF_FFFFL;
    }

    int u16(int offset) {
        return content.getShort(offset) & 0xFFFF;
    }

    String fourCc(int offset) {
        byte[] code = new byte[4];
        content.get(offset, code);
        return new String(code, StandardCharsets.US_ASCII);
    }
}
