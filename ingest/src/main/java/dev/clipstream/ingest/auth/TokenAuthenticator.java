package dev.clipstream.ingest.auth;

import dev.clipstream.ingest.blob.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Decides whether a bearer token may act for a vehicle. The presented token is hashed and the hash compared with
 * the vehicle's stored hash in constant time. A token that is valid for another vehicle is told apart (403) from
 * an unknown one (401) by a lookup of its hash: that reveals nothing about any token.
 */
public final class TokenAuthenticator {

    public enum Outcome { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

    private static final String BEARER = "bearer ";
    private static final int MAX_TOKEN_CHARS = 512;

    private final Map<String, byte[]> hashByVehicle;
    private final Map<String, String> vehicleByHash = new HashMap<>();

    public TokenAuthenticator(VehicleTokens tokens) {
        this.hashByVehicle = tokens.hashes();
        hashByVehicle.forEach((vehicle, hash) -> vehicleByHash.put(HexFormat.of().formatHex(hash), vehicle));
    }

    /** @param authorization the Authorization header, possibly null */
    public Outcome authorize(String authorization, String vehicleId) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || authorization.length() > BEARER.length() + MAX_TOKEN_CHARS
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Outcome.UNAUTHENTICATED;
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty()) {
            return Outcome.UNAUTHENTICATED;
        }
        byte[] presented = Sha256.of(token.getBytes(StandardCharsets.UTF_8));
        byte[] expected = hashByVehicle.get(vehicleId);
        if (expected != null && MessageDigest.isEqual(presented, expected)) {
            return Outcome.ALLOWED;
        }
        return vehicleByHash.containsKey(HexFormat.of().formatHex(presented))
                ? Outcome.FORBIDDEN
                : Outcome.UNAUTHENTICATED;
    }
}
