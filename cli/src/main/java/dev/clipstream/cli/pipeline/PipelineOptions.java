package dev.clipstream.cli.pipeline;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a local or process pipeline runs against and with: the Kafka cluster and schema registry (which must
 * exist), a work dir for the services' data (null = a fresh temp dir; removed when the pipeline closes), the
 * fleet secret from which ingest's tokens file is generated for vehicles veh-00001 .. veh-N, the simulated
 * backends' time scale and seed, whether to publish the demo campaigns, and extra configuration keys per service
 * (applied last, so they override anything the pipeline sets; e.g. LABELING -> labeling.batch.max.age=5s).
 *
 * @param vehicles          number of vehicles allowed to upload (1..99999)
 * @param backendTimeScale  simulated seconds per real second of both backends (> 0)
 * @param seed              seed of the backends' simulators
 */
public record PipelineOptions(String bootstrapServers, String schemaRegistryUrl, Path workDir, String fleetSecret,
                              int vehicles, double backendTimeScale, long seed, boolean seedCampaigns,
                              Map<PipelineService, Map<String, String>> configOverrides) {

    public static final String DEFAULT_FLEET_SECRET = "clipstream-local-fleet-secret";
    public static final int DEFAULT_VEHICLES = 100;
    public static final double DEFAULT_TIME_SCALE = 60;
    public static final long DEFAULT_SEED = 1;

    public PipelineOptions {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(fleetSecret, "fleetSecret");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers must not be blank");
        }
        if (schemaRegistryUrl.isBlank()) {
            throw new IllegalArgumentException("The schema registry URL must not be blank");
        }
        if (fleetSecret.isEmpty()) {
            throw new IllegalArgumentException("The fleet secret must not be empty");
        }
        if (vehicles < 1 || vehicles > 99_999) {
            throw new IllegalArgumentException("vehicles must be 1..99999, was " + vehicles);
        }
        if (!(backendTimeScale > 0) || Double.isInfinite(backendTimeScale)) {
            throw new IllegalArgumentException("The backend time scale must be a positive number, was "
                    + backendTimeScale);
        }
        configOverrides = copy(configOverrides == null ? Map.of() : configOverrides);
    }

    /** 100 vehicles, a fixed fleet secret, time scale 60, seed 1, the demo campaigns, no overrides. */
    public static PipelineOptions defaults(String bootstrapServers, String schemaRegistryUrl, Path workDir) {
        return new PipelineOptions(bootstrapServers, schemaRegistryUrl, workDir, DEFAULT_FLEET_SECRET,
                DEFAULT_VEHICLES, DEFAULT_TIME_SCALE, DEFAULT_SEED, true, Map.of());
    }

    /** The overrides of one service (empty when none). */
    public Map<String, String> overrides(PipelineService service) {
        return configOverrides.getOrDefault(service, Map.of());
    }

    public PipelineOptions withWorkDir(Path dir) {
        return new PipelineOptions(bootstrapServers, schemaRegistryUrl, dir, fleetSecret, vehicles, backendTimeScale,
                seed, seedCampaigns, configOverrides);
    }

    public PipelineOptions withFleetSecret(String secret) {
        return new PipelineOptions(bootstrapServers, schemaRegistryUrl, workDir, secret, vehicles, backendTimeScale,
                seed, seedCampaigns, configOverrides);
    }

    public PipelineOptions withVehicles(int count) {
        return new PipelineOptions(bootstrapServers, schemaRegistryUrl, workDir, fleetSecret, count, backendTimeScale,
                seed, seedCampaigns, configOverrides);
    }

    public PipelineOptions withBackendTimeScale(double scale) {
        return new PipelineOptions(bootstrapServers, schemaRegistryUrl, workDir, fleetSecret, vehicles, scale,
                seed, seedCampaigns, configOverrides);
    }

    public PipelineOptions withSeed(long newSeed) {
        return new PipelineOptions(bootstrapServers, schemaRegistryUrl, workDir, fleetSecret, vehicles,
                backendTimeScale, newSeed, seedCampaigns, configOverrides);
    }

    public PipelineOptions withSeedCampaigns(boolean seed) {
        return new PipelineOptions(bootstrapServers, schemaRegistryUrl, workDir, fleetSecret, vehicles,
                backendTimeScale, this.seed, seed, configOverrides);
    }

    /** Replaces all overrides. */
    public PipelineOptions withConfigOverrides(Map<PipelineService, Map<String, String>> overrides) {
        return new PipelineOptions(bootstrapServers, schemaRegistryUrl, workDir, fleetSecret, vehicles,
                backendTimeScale, seed, seedCampaigns, overrides);
    }

    /** Adds (or replaces) one configuration key of one service. */
    public PipelineOptions withConfig(PipelineService service, String key, String value) {
        Map<PipelineService, Map<String, String>> copy = new EnumMap<>(PipelineService.class);
        configOverrides.forEach((s, keys) -> copy.put(s, new LinkedHashMap<>(keys)));
        copy.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(key, value);
        return withConfigOverrides(copy);
    }

    private static Map<PipelineService, Map<String, String>> copy(Map<PipelineService, Map<String, String>> source) {
        Map<PipelineService, Map<String, String>> copy = new EnumMap<>(PipelineService.class);
        source.forEach((service, keys) -> copy.put(Objects.requireNonNull(service, "service"),
                Map.copyOf(new LinkedHashMap<>(keys))));
        return Map.copyOf(copy);
    }
}
