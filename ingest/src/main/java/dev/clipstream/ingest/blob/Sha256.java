package dev.clipstream.ingest.blob;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 helpers: a fresh digest, lower-case hex, and the shape of a valid hex digest. */
public final class Sha256 {

    private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static byte[] of(byte[] bytes) {
        return newDigest().digest(bytes);
    }

    public static String hexOf(byte[] bytes) {
        return hex(of(bytes));
    }

    public static String hexOf(String utf8) {
        return hexOf(utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** True for exactly 64 lower-case hex characters. */
    public static boolean isHexDigest(String text) {
        return text != null && HEX_DIGEST.matcher(text).matches();
    }
}
