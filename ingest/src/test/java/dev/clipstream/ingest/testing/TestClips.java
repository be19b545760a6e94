package dev.clipstream.ingest.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** Valid small video containers and metadata for tests. */
public final class TestClips {

    private TestClips() {
    }

    /** A minimal ISO-BMFF (MP4) file: an {@code ftyp} box (brand isom) and an {@code mdat} box of payload bytes. */
    public static byte[] mp4(int payloadBytes, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] ftyp = ByteBuffer.allocate(24).putInt(24).put(ascii("ftyp")).put(ascii("isom")).putInt(0x200)
                .put(ascii("isom")).put(ascii("mp41")).array();
        out.writeBytes(ftyp);
        byte[] payload = new byte[payloadBytes];
        new Random(seed).nextBytes(payload);
        out.writeBytes(ByteBuffer.allocate(8).putInt(8 + payloadBytes).put(ascii("mdat")).array());
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** The start of a Matroska/WebM file: the EBML magic, then payload bytes. */
    public static byte[] webm(int payloadBytes, long seed) {
        byte[] bytes = new byte[4 + payloadBytes];
        bytes[0] = 0x1A;
        bytes[1] = 0x45;
        bytes[2] = (byte) 0xDF;
        bytes[3] = (byte) 0xA3;
        byte[] payload = new byte[payloadBytes];
        new Random(seed).nextBytes(payload);
        System.arraycopy(payload, 0, bytes, 4, payloadBytes);
        return bytes;
    }

    public static final String METADATA_JSON = """
            {"camera":"FRONT_MAIN","captureStart":"2026-11-28T21:14:03.120Z","captureEnd":"2026-11-28T21:14:13.120Z",
             "durationMillis":10000,"resolution":{"width":1280,"height":960},"framesPerSecond":36.0,"codec":"H265",
             "triggerId":"hard-brake-v3","campaignIds":["night-rain"],
             "location":{"minLatitude":37.39,"minLongitude":-122.15,"maxLatitude":37.40,"maxLongitude":-122.14},
             "speed":{"minKph":0.0,"maxKph":54.2,"meanKph":31.7},"firmwareVersion":"2026.44.1",
             "privacy":{"facesBlurred":true,"platesBlurred":true,"blurModelVersion":"blur-2026.10.1"}}""";

    public static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public static String metadataHeader() {
        return encode(METADATA_JSON);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
