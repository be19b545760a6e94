package dev.clipstream.fleet.clip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A small but valid MP4 (ISO-BMFF) file of an exact size: {@code ftyp}, a {@code moov} with one video track whose
 * headers carry the spec's duration, timescale and frame size, then an {@code mdat} padded to the requested size.
 * The bytes are produced on the fly, never held whole: a 500 MB clip costs 64 KiB of memory.
 *
 * <p>The payload repeats a 64 KiB block drawn from the content seed, each repetition stamped with its index, so two
 * clips with other seeds never share a digest (the blob store is content-addressed; equal clips would be
 * deduplicated and flatter a benchmark).
 */
public final class Mp4Clip {

    /** Timescale of the movie header: milliseconds. */
    static final int MOVIE_TIMESCALE = 1000;
    /** Timescale of the video media: 90 kHz, as broadcast video uses. */
    static final int MEDIA_TIMESCALE = 90_000;

    private static final int BLOCK_SIZE = 64 * 1024;
    private static final long SECONDS_1904_TO_1970 = 2_082_844_800L;
    private static final long MAX_32BIT_BOX = 0xFFFF_FFFFL;
    private static final int MINIMUM_SIZE = new Mp4Clip(1, 1000, 16, 16, 30, false, Instant.EPOCH).header.length;

    private final ClipSpec spec;
    /** ftyp + moov + the mdat box header. */
    private final byte[] header;
    private final byte[] block;

    public Mp4Clip(ClipSpec spec) {
        this.spec = spec;
        this.header = header(spec.sizeBytes(), spec.durationMillis(), spec.width(), spec.height(),
                spec.framesPerSecond(), spec.hevc(), spec.createdAt());
        this.block = new byte[BLOCK_SIZE];
        new SplittableRandom(spec.contentSeed()).nextBytes(block);
    }

    private Mp4Clip(long size, long durationMillis, int width, int height, double fps, boolean hevc, Instant created) {
        this.spec = null;
        this.header = header(size, durationMillis, width, height, fps, hevc, created);
        this.block = null;
    }

    /** The smallest clip this class can write: headers and an empty mdat. */
    public static long minimumSize() {
        return MINIMUM_SIZE;
    }

    public ClipSpec spec() {
        return spec;
    }

    public long size() {
        return spec.sizeBytes();
    }

    /** A fresh stream of the clip's bytes; each call starts at byte 0. */
    public InputStream open() {
        return new ClipStream();
    }

    public void writeTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[BLOCK_SIZE];
        try (InputStream in = open()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                out.write(buffer, 0, read);
            }
        }
    }

    /** SHA-256 of the whole clip as 64 lower-case hex characters (reads the clip once). */
    public String sha256() {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[BLOCK_SIZE];
        try (InputStream in = open()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static byte[] header(long size, long durationMillis, int width, int height, double fps, boolean hevc,
                                 Instant created) {
        long createdMp4 = created.getEpochSecond() + SECONDS_1904_TO_1970;
        long mediaDuration = durationMillis * (MEDIA_TIMESCALE / MOVIE_TIMESCALE);
        long sampleDelta = Math.max(1, Math.round(MEDIA_TIMESCALE / fps));
        long sampleCount = Math.max(1, mediaDuration / sampleDelta);

        byte[] ftyp = BoxWriter.box("ftyp", out -> out.fourCc("isom").u32(0x200)
                .fourCc("isom").fourCc("iso2").fourCc(hevc ? "hvc1" : "avc1").fourCc("mp41"));
        byte[] mvhd = BoxWriter.fullBox("mvhd", 0, 0, out -> out.u32(createdMp4).u32(createdMp4)
                .u32(MOVIE_TIMESCALE).u32(durationMillis)
                .u32(0x00010000).u16(0x0100).zeros(10).unityMatrix().zeros(24).u32(2));
        byte[] tkhd = BoxWriter.fullBox("tkhd", 0, 0x3, out -> out.u32(createdMp4).u32(createdMp4)
                .u32(1).zeros(4).u32(durationMillis).zeros(8).u16(0).u16(0).u16(0).zeros(2).unityMatrix()
                .u32((long) width << 16).u32((long) height << 16));
        byte[] mdhd = BoxWriter.fullBox("mdhd", 0, 0, out -> out.u32(createdMp4).u32(createdMp4)
                .u32(MEDIA_TIMESCALE).u32(mediaDuration).u16(packedLanguage("und")).u16(0));
        byte[] hdlr = BoxWriter.fullBox("hdlr", 0, 0, out -> out.u32(0).fourCc("vide").zeros(12)
                .bytes("VideoHandler\0".getBytes(StandardCharsets.US_ASCII)));
        byte[] vmhd = BoxWriter.fullBox("vmhd", 0, 1, out -> out.u16(0).zeros(6));
        byte[] dinf = BoxWriter.box("dinf", out -> out.bytes(BoxWriter.fullBox("dref", 0, 0, dref -> dref.u32(1)
                .bytes(BoxWriter.fullBox("url ", 0, 1, url -> { })))));
        byte[] sampleEntry = BoxWriter.box(hevc ? "hvc1" : "avc1", out -> out.zeros(6).u16(1).zeros(16)
                .u16(width).u16(height).u32(0x00480000).u32(0x00480000).u32(0).u16(1).zeros(32)
                .u16(0x0018).u16(0xFFFF));
        byte[] stbl = BoxWriter.box("stbl", out -> out
                .bytes(BoxWriter.fullBox("stsd", 0, 0, stsd -> stsd.u32(1).bytes(sampleEntry)))
                .bytes(BoxWriter.fullBox("stts", 0, 0, stts -> stts.u32(1).u32(sampleCount).u32(sampleDelta)))
                .bytes(BoxWriter.fullBox("stsc", 0, 0, stsc -> stsc.u32(0)))
                .bytes(BoxWriter.fullBox("stsz", 0, 0, stsz -> stsz.u32(0).u32(0)))
                .bytes(BoxWriter.fullBox("stco", 0, 0, stco -> stco.u32(0))));
        byte[] minf = BoxWriter.box("minf", out -> out.bytes(vmhd).bytes(dinf).bytes(stbl));
        byte[] mdia = BoxWriter.box("mdia", out -> out.bytes(mdhd).bytes(hdlr).bytes(minf));
        byte[] trak = BoxWriter.box("trak", out -> out.bytes(tkhd).bytes(mdia));
        byte[] moov = BoxWriter.box("moov", out -> out.bytes(mvhd).bytes(trak));

        long headerSize = ftyp.length + moov.length;
        long mdatSize = size - headerSize;
        BoxWriter all = new BoxWriter().bytes(ftyp).bytes(moov);
        // An mdat over 4 GiB needs the 64-bit "largesize" form (size field 1).
        boolean large = mdatSize > MAX_32BIT_BOX;
        if (large) {
            all.u32(1).fourCc("mdat").u64(mdatSize);
        } else {
            all.u32(Math.max(8, mdatSize)).fourCc("mdat");
        }
        return all.toByteArray();
    }

    /** ISO 639-2/T code packed as three 5-bit letters. */
    private static int packedLanguage(String code) {
        return ((code.charAt(0) - 0x60) << 10) | ((code.charAt(1) - 0x60) << 5) | (code.charAt(2) - 0x60);
    }

    /** The clip's bytes: the header, then payload block after payload block, each stamped with its index. */
    private final class ClipStream extends InputStream {
        private long position;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xFF : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            long remaining = size() - position;
            if (length == 0) {
                return 0;
            }
            if (remaining <= 0) {
                return -1;
            }
            int count = (int) Math.min(length, remaining);
            int done = 0;
            while (done < count) {
                done += copyAt(position + done, target, offset + done, count - done);
            }
            position += count;
            return count;
        }

        /** Copies bytes starting at clip offset {@code at}, up to the end of the header or of one block. */
        private int copyAt(long at, byte[] target, int offset, int length) {
            if (at < header.length) {
                int n = (int) Math.min(length, header.length - at);
                System.arraycopy(header, (int) at, target, offset, n);
                return n;
            }
            long payloadOffset = at - header.length;
            long blockIndex = payloadOffset / BLOCK_SIZE;
            int inBlock = (int) (payloadOffset % BLOCK_SIZE);
            int n = Math.min(length, BLOCK_SIZE - inBlock);
            System.arraycopy(block, inBlock, target, offset, n);
            // The first 8 bytes of every block carry its index, so no two blocks of a clip are equal.
            for (int i = inBlock; i < Long.BYTES && i < inBlock + n; i++) {
                target[offset + i - inBlock] = (byte) (block[i] ^ (blockIndex >>> (56 - 8 * i)));
            }
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, size() - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, size() - position);
        }
    }
}
