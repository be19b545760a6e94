package dev.clipstream.fleet.auth;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens of the simulated fleet, derived from one fleet secret so that neither side has to ship a token list:
 * a vehicle's token is base64url-no-padding(HMAC-SHA256(fleetSecret, vehicleId)). Ingest stores only their SHA-256
 * (the tokens file this class writes, API v1).
 */
public final class FleetTokens {

    private final byte[] secret;

    public FleetTokens(String fleetSecret) {
        Objects.requireNonNull(fleetSecret, "fleetSecret");
        if (fleetSecret.isEmpty()) {
            throw new IllegalArgumentException("The fleet secret must not be empty");
        }
        this.secret = fleetSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** Simulated vehicle id of the 1-based index: "veh-" + 5 digits. */
    public static String vehicleId(int index) {
        if (index < 1 || index > 99_999) {
            throw new IllegalArgumentException("Simulated vehicles are numbered 1..99999, not " + index);
        }
        return String.format("veh-%05d", index);
    }

    /** The vehicle ids veh-00001 .. of a fleet of the given size. */
    public static List<String> vehicleIds(int vehicles) {
        return IntStream.rangeClosed(1, vehicles).mapToObj(FleetTokens::vehicleId).toList();
    }

    public String token(String vehicleId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] tag = mac.doFinal(vehicleId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }

    /** The tokens-file value of a token: "sha256:" + 64 hex of SHA-256(UTF-8 token). */
    public static String hashedEntry(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * Writes ingest's tokens file (Java properties, {@code vehicleId=sha256:<hex>}) for the given vehicles,
     * atomically: a reader never sees half a file.
     */
    public void writeTokensFile(List<String> vehicleIds, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, absolute.getFileName().toString(), ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                out.write("# Ingest bearer tokens of the simulated fleet (SHA-256 of each token), written by "
                        + "`clipstream push tokens`.\n");
                for (String vehicleId : vehicleIds) {
                    out.write(vehicleId + "=" + hashedEntry(token(vehicleId)) + "\n");
                }
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
