package dev.clipstream.fleet.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4ClipTest {

    private static final Instant CREATED = Instant.parse("2026-11-28T21:14:03Z");

    private static ClipSpec spec(long size, long seed) {
        return new ClipSpec(size, 12_345, 1280, 960, 36.0, true, CREATED, seed);
    }

    private static byte[] bytes(Mp4Clip clip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        clip.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void isExactlyTheRequestedSizeAndEveryByteBelongsToABox() throws IOException {
        for (long size : new long[] {Mp4Clip.minimumSize(), 1000, 65_536 + 777, 300_001}) {
            byte[] file = bytes(new Mp4Clip(spec(size, 1)));

            assertThat(file).hasSize((int) size);
            List<Boxes> boxes = Boxes.parse(file);
            assertThat(boxes).extracting(Boxes::type).containsExactly("ftyp", "moov", "mdat");
            assertThat(boxes.stream().mapToLong(Boxes::size).sum()).isEqualTo(size);
        }
    }

    @Test
    void headersCarryDurationTimescaleAndFrameSize() throws IOException {
        List<Boxes> boxes = Boxes.parse(bytes(new Mp4Clip(spec(200_000, 7))));

        Boxes ftyp = Boxes.find(boxes, "ftyp").orElseThrow();
        assertThat(ftyp.fourCc(0)).isEqualTo("isom");
        Boxes mvhd = Boxes.find(boxes, "moov", "mvhd").orElseThrow();
        // full box: version+flags (4), creation (4), modification (4), timescale, duration
        assertThat(mvhd.u32(12)).isEqualTo(1000);
        assertThat(mvhd.u32(16)).isEqualTo(12_345);
        assertThat(mvhd.u32(4)).as("creation time, seconds since 1904")
                .isEqualTo(CREATED.getEpochSecond() + 2_082_844_800L);
        Boxes tkhd = Boxes.find(boxes, "moov", "trak", "tkhd").orElseThrow();
        assertThat(tkhd.u32(20)).as("track duration in movie timescale").isEqualTo(12_345);
        assertThat(tkhd.u32(76) >>> 16).isEqualTo(1280);
        assertThat(tkhd.u32(80) >>> 16).isEqualTo(960);
        Boxes mdhd = Boxes.find(boxes, "moov", "trak", "mdia", "mdhd").orElseThrow();
        assertThat(mdhd.u32(12)).isEqualTo(90_000);
        assertThat(mdhd.u32(16)).isEqualTo(12_345L * 90);
        Boxes hdlr = Boxes.find(boxes, "moov", "trak", "mdia", "hdlr").orElseThrow();
        assertThat(hdlr.fourCc(8)).isEqualTo("vide");
        Boxes stsd = Boxes.find(boxes, "moov", "trak", "mdia", "minf", "stbl", "stsd").orElseThrow();
        assertThat(stsd.fourCc(12)).isEqualTo("hvc1");
        assertThat(stsd.u16(8 + 8 + 24)).as("sample entry width").isEqualTo(1280);
        Boxes stts = Boxes.find(boxes, "moov", "trak", "mdia", "minf", "stbl", "stts").orElseThrow();
        assertThat(stts.u32(8) * stts.u32(12)).as("samples x delta ~ media duration")
                .isBetween(12_345L * 90 - 2500, 12_345L * 90);
    }

    @Test
    void theProbeReadsBackWhatTheGeneratorWrote(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("clip.mp4");
        try (var out = Files.newOutputStream(file)) {
            new Mp4Clip(spec(50_000, 3)).writeTo(out);
        }

        assertThat(Mp4Probe.probe(file)).contains(new Mp4Probe.Movie(12_345, 1280, 960));
        Path notVideo = Files.writeString(dir.resolve("x.mp4"), "hello, not a movie");
        assertThat(Mp4Probe.probe(notVideo)).isEmpty();
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherDigest() throws IOException {
        Mp4Clip first = new Mp4Clip(spec(300_000, 11));
        Mp4Clip again = new Mp4Clip(spec(300_000, 11));
        Mp4Clip other = new Mp4Clip(spec(300_000, 12));

        assertThat(bytes(first)).isEqualTo(bytes(again));
        assertThat(first.sha256()).isEqualTo(again.sha256()).isNotEqualTo(other.sha256());
    }

    @Test
    void sha256IsTheDigestOfTheStreamedBytesWhateverTheReadSizes() throws Exception {
        Mp4Clip clip = new Mp4Clip(spec(200_003, 5));
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(bytes(clip));

        MessageDigest oddReads = MessageDigest.getInstance("SHA-256");
        try (InputStream in = clip.open()) {
            byte[] buffer = new byte[997];
            int read;
            int single = in.read();
            oddReads.update((byte) single);
            while ((read = in.read(buffer, 0, buffer.length)) > 0) {
                oddReads.update(buffer, 0, read);
            }
        }
        assertThat(HexFormat.of().formatHex(oddReads.digest())).isEqualTo(HexFormat.of().formatHex(expected))
                .isEqualTo(clip.sha256());
    }

    @Test
    void payloadBlocksAreNotRepeated() throws IOException {
        byte[] file = bytes(new Mp4Clip(spec(Mp4Clip.minimumSize() + 3 * 65_536, 9)));
        int payload = (int) Mp4Clip.minimumSize();

        byte[] block0 = java.util.Arrays.copyOfRange(file, payload, payload + 65_536);
        byte[] block1 = java.util.Arrays.copyOfRange(file, payload + 65_536, payload + 2 * 65_536);
        assertThat(block0).isNotEqualTo(block1);
    }

    @Test
    void refusesASizeBelowTheHeaders() {
        assertThatThrownBy(() -> spec(Mp4Clip.minimumSize() - 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bytes for its MP4 headers");
    }
}
