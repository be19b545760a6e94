package dev.clipstream.ingest.auth;

import dev.clipstream.ingest.blob.Sha256;
import dev.clipstream.ingest.validation.ClipIds;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The token hash of every vehicle, read from the tokens file or from configuration entries. Format (one line or
 * list entry per vehicle): {@code <vehicleId>=sha256:<64 hex of SHA-256(UTF-8 token)>}. Only hashes are ever
 * stored; a plain token in the file is refused.
 */
public final class VehicleTokens {

    private static final String PREFIX = "sha256:";

    private final Map<String, byte[]> hashByVehicle;

    private VehicleTokens(Map<String, byte[]> hashByVehicle) {
        this.hashByVehicle = Map.copyOf(hashByVehicle);
    }

    public static VehicleTokens empty() {
        return new VehicleTokens(Map.of());
    }

    /** Reads a tokens file (Java properties syntax). */
    public static VehicleTokens readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the tokens file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted()
                .forEach(vehicle -> entries.put(vehicle, properties.getProperty(vehicle)));
        return parse(entries, "tokens file " + file.toAbsolutePath());
    }

    /** Parses {@code vehicleId=sha256:hex} entries, e.g. from the environment. */
    public static VehicleTokens parseEntries(Collection<String> entries, String source) {
        Map<String, String> parsed = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                problems.add("entry '" + ClipIds.shown(entry.length() > 20 ? entry.substring(0, 20) : entry)
                        + "...' is not vehicleId=sha256:<hex>");
            } else {
                parsed.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid vehicle tokens in " + source + ": " + problems);
        }
        return parse(parsed, source);
    }

    private static VehicleTokens parse(Map<String, String> entries, String source) {
        Map<String, byte[]> hashes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        entries.forEach((vehicle, value) -> {
            if (ClipIds.looksLikeVin(vehicle)) {
                // Never echo it: this message is logged.
                problems.add("a vehicle id looks like a raw VIN (not shown); use pseudonymous vehicle ids");
            } else if (!ClipIds.isVehicleId(vehicle)) {
                problems.add("'" + ClipIds.shown(vehicle) + "' is not a valid vehicle id");
            } else if (!value.startsWith(PREFIX) || !Sha256.isHexDigest(value.substring(PREFIX.length()))) {
                // Never echo the value: it may be a plain token written by mistake.
                problems.add("the value for vehicle '" + vehicle + "' is not sha256:<64 lower-case hex>");
            } else {
                hashes.put(vehicle, HexFormat.of().parseHex(value.substring(PREFIX.length())));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid vehicle tokens in " + source + ": " + problems);
        }
        return new VehicleTokens(hashes);
    }

    public VehicleTokens merge(VehicleTokens other) {
        Map<String, byte[]> all = new LinkedHashMap<>(hashByVehicle);
        all.putAll(other.hashByVehicle);
        return new VehicleTokens(all);
    }

    /** The line of a tokens file for a vehicle and its plain token. */
    public static String fileLine(String vehicleId, String token) {
        return vehicleId + "=" + PREFIX + Sha256.hexOf(token);
    }

    public int size() {
        return hashByVehicle.size();
    }

    Map<String, byte[]> hashes() {
        return hashByVehicle;
    }
}
