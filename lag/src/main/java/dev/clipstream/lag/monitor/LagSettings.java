package dev.clipstream.lag.monitor;

import dev.clipstream.runtime.config.ConfigKey;
import dev.clipstream.runtime.config.ConfigType;
import dev.clipstream.runtime.config.ConfigValidator;
import dev.clipstream.runtime.config.EffectiveConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the lag monitor samples and reports.
 *
 * @param groups              groups to watch besides the pipeline's
 * @param pipelineGroups      also watch clipstream-labeling and clipstream-dispatch
 * @param allGroups           also watch every consumer and streams group the cluster lists
 * @param interval            time between two evaluations
 * @param windowSamples       samples per group the status is evaluated over (Burrow's window)
 * @param minSamples          samples needed before STALLED or WARNING can be called
 * @param maxScanRecords      unconsumed records decoded per group and partition for pipeline units; beyond it
 *                            units are an estimate
 * @param probeTimeout        how long reading unconsumed records may take per evaluation
 * @param requestTimeout      timeout of each Admin call
 * @param history             how much lag history the web page and /api/lag keep
 * @param webHost             bind address of the web page (/lag, /api/lag)
 * @param webPort             its port; 0 = any free port
 */
public record LagSettings(List<String> groups, boolean pipelineGroups, boolean allGroups, Duration interval,
                          int windowSamples, int minSamples, int maxScanRecords, Duration probeTimeout,
                          Duration requestTimeout, Duration history, String webHost, int webPort) {

    public static final String GROUPS = "lag.groups";
    public static final String PIPELINE_GROUPS = "lag.pipeline-groups";
    public static final String ALL_GROUPS = "lag.all-groups";
    public static final String INTERVAL = "lag.interval";
    public static final String WINDOW_SAMPLES = "lag.window.samples";
    public static final String MIN_SAMPLES = "lag.window.min-samples";
    public static final String MAX_SCAN = "lag.units.max-records-scanned";
    public static final String PROBE_TIMEOUT = "lag.probe.timeout";
    public static final String REQUEST_TIMEOUT = "lag.request.timeout";
    public static final String HISTORY = "lag.history";
    public static final String WEB_HOST = "lag.web.host";
    public static final String WEB_PORT = "lag.web.port";

    public LagSettings {
        groups = List.copyOf(Objects.requireNonNull(groups, "groups"));
        requirePositive(interval, "interval");
        requirePositive(probeTimeout, "probe timeout");
        requirePositive(requestTimeout, "request timeout");
        requirePositive(history, "history");
        if (minSamples < 2 || windowSamples < minSamples) {
            throw new IllegalArgumentException("Need 2 <= min samples <= window samples, got min " + minSamples
                    + " and window " + windowSamples);
        }
        if (maxScanRecords < 1) {
            throw new IllegalArgumentException("Max records scanned must be >= 1, was " + maxScanRecords);
        }
        if (webPort < 0 || webPort > 65535) {
            throw new IllegalArgumentException("Web port must be between 0 and 65535, was " + webPort);
        }
    }

    /** The defaults: pipeline groups, 5 s interval, a 10-sample window, 1000 records scanned, page on port 9085. */
    public static LagSettings defaults() {
        return new LagSettings(List.of(), true, false, Duration.ofSeconds(5), 10, 3, 1000, Duration.ofSeconds(3),
                Duration.ofSeconds(10), Duration.ofMinutes(15), "0.0.0.0", 9085);
    }

    public LagSettings withGroups(List<String> newGroups) {
        return new LagSettings(newGroups, pipelineGroups, allGroups, interval, windowSamples, minSamples,
                maxScanRecords, probeTimeout, requestTimeout, history, webHost, webPort);
    }

    public LagSettings withPipelineGroups(boolean watch) {
        return new LagSettings(groups, watch, allGroups, interval, windowSamples, minSamples, maxScanRecords,
                probeTimeout, requestTimeout, history, webHost, webPort);
    }

    public LagSettings withAllGroups(boolean watch) {
        return new LagSettings(groups, pipelineGroups, watch, interval, windowSamples, minSamples, maxScanRecords,
                probeTimeout, requestTimeout, history, webHost, webPort);
    }

    public LagSettings withInterval(Duration newInterval) {
        return new LagSettings(groups, pipelineGroups, allGroups, newInterval, windowSamples, minSamples,
                maxScanRecords, probeTimeout, requestTimeout, history, webHost, webPort);
    }

    public LagSettings withWindow(int samples, int min) {
        return new LagSettings(groups, pipelineGroups, allGroups, interval, samples, min, maxScanRecords,
                probeTimeout, requestTimeout, history, webHost, webPort);
    }

    public LagSettings withMaxScanRecords(int max) {
        return new LagSettings(groups, pipelineGroups, allGroups, interval, windowSamples, minSamples, max,
                probeTimeout, requestTimeout, history, webHost, webPort);
    }

    public LagSettings withProbeTimeout(Duration timeout) {
        return new LagSettings(groups, pipelineGroups, allGroups, interval, windowSamples, minSamples,
                maxScanRecords, timeout, requestTimeout, history, webHost, webPort);
    }

    public LagSettings withRequestTimeout(Duration timeout) {
        return new LagSettings(groups, pipelineGroups, allGroups, interval, windowSamples, minSamples,
                maxScanRecords, probeTimeout, timeout, history, webHost, webPort);
    }

    public LagSettings withWeb(String host, int port) {
        return new LagSettings(groups, pipelineGroups, allGroups, interval, windowSamples, minSamples,
                maxScanRecords, probeTimeout, requestTimeout, history, host, port);
    }

    public static List<ConfigKey> configKeys() {
        LagSettings d = defaults();
        return List.of(
                ConfigKey.of(GROUPS, ConfigType.LIST, "", "Consumer groups to watch besides the pipeline's"),
                ConfigKey.of(PIPELINE_GROUPS, ConfigType.BOOLEAN, "true",
                        "Watch the pipeline's groups (clipstream-labeling, clipstream-dispatch)"),
                ConfigKey.of(ALL_GROUPS, ConfigType.BOOLEAN, "false", "Watch every consumer and streams group"),
                ConfigKey.of(INTERVAL, ConfigType.DURATION, "5s", "Time between two lag evaluations"),
                ConfigKey.of(WINDOW_SAMPLES, ConfigType.INT, Integer.toString(d.windowSamples()),
                        "Samples per group the status is evaluated over").validatedBy(ConfigValidator.between(2, 1000)),
                ConfigKey.of(MIN_SAMPLES, ConfigType.INT, Integer.toString(d.minSamples()),
                        "Samples needed before STALLED or WARNING can be reported")
                        .validatedBy(ConfigValidator.between(2, 1000)),
                ConfigKey.of(MAX_SCAN, ConfigType.INT, Integer.toString(d.maxScanRecords()),
                        "Unconsumed records decoded per group and partition for pipeline units; beyond, an estimate")
                        .validatedBy(ConfigValidator.between(1, 1_000_000)),
                ConfigKey.of(PROBE_TIMEOUT, ConfigType.DURATION, "3s",
                        "How long reading unconsumed records may take per evaluation"),
                ConfigKey.of(REQUEST_TIMEOUT, ConfigType.DURATION, "10s", "Timeout of each Admin call"),
                ConfigKey.of(HISTORY, ConfigType.DURATION, "15m", "Lag history kept for the web page"),
                ConfigKey.of(WEB_HOST, ConfigType.STRING, "0.0.0.0", "Bind address of the lag web page")
                        .validatedBy(ConfigValidator.notBlank()),
                ConfigKey.of(WEB_PORT, ConfigType.INT, "9085", "Port of the lag web page (/lag, /api/lag); 0 = any")
                        .validatedBy(ConfigValidator.between(0, 65535)));
    }

    public static LagSettings from(EffectiveConfig config) {
        return new LagSettings(config.getList(GROUPS), config.getBoolean(PIPELINE_GROUPS),
                config.getBoolean(ALL_GROUPS), config.getDuration(INTERVAL), config.getInt(WINDOW_SAMPLES),
                config.getInt(MIN_SAMPLES), config.getInt(MAX_SCAN), config.getDuration(PROBE_TIMEOUT),
                config.getDuration(REQUEST_TIMEOUT), config.getDuration(HISTORY), config.getString(WEB_HOST),
                config.getInt(WEB_PORT));
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("The " + what + " must be positive, was " + duration);
        }
    }
}
