package dev.clipstream.lag.monitor;

import dev.clipstream.lag.compute.ClusterReader;
import dev.clipstream.lag.compute.ClusterState;
import dev.clipstream.lag.compute.ClusterUnreadableException;
import dev.clipstream.lag.compute.LagCalculator;
import dev.clipstream.lag.compute.PipelineUnits;
import dev.clipstream.lag.compute.RecordProbe;
import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.model.LagSnapshot;
import dev.clipstream.lag.model.PartitionCondition;
import dev.clipstream.lag.model.PartitionLag;
import dev.clipstream.lag.status.GroupSample;
import dev.clipstream.lag.status.PartitionSample;
import dev.clipstream.lag.status.SampleWindow;
import dev.clipstream.lag.status.StatusEvaluator;
import dev.clipstream.lag.status.StatusVerdict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One lag evaluation after another: read the cluster, compute the figures, add a sample to each group's window and
 * judge its status. The CLI, the monitor service and the benchmark all drive this. Not thread-safe: one thread
 * evaluates.
 */
public final class LagEngine implements AutoCloseable {

    private final LagSettings settings;
    private final Admin admin;
    private final ClusterReader reader;
    private final RecordProbe probe;
    private final LagCalculator calculator;
    private final StatusEvaluator evaluator;
    private final Map<String, SampleWindow> windows = new HashMap<>();
    private final Clock clock;

    private LagEngine(LagSettings settings, Admin admin, RecordProbe probe, PipelineUnits units, Clock clock) {
        this.settings = settings;
        this.admin = admin;
        this.reader = new ClusterReader(admin, settings.requestTimeout());
        this.probe = probe;
        this.calculator = new LagCalculator(probe, units);
        this.evaluator = new StatusEvaluator(settings.minSamples());
        this.clock = clock;
    }

    /**
     * @param clientOverrides extra Kafka client configs (security, ...) for the Admin and the probe consumer
     * @param units           which topics carry pipeline units; {@link PipelineUnits#none()} for none
     */
    public static LagEngine create(LagSettings settings, String bootstrapServers, Map<String, Object> clientOverrides,
                                   PipelineUnits units) {
        Map<String, Object> adminConfig = new HashMap<>(clientOverrides);
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminConfig.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "clipstream-lag");
        adminConfig.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) Math.max(settings.requestTimeout().toMillis(), 1000));
        adminConfig.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.max(settings.requestTimeout().toMillis(), 1000));
        Admin admin = Admin.create(adminConfig);
        RecordProbe probe = new RecordProbe(bootstrapServers, clientOverrides, units, settings.maxScanRecords(),
                settings.probeTimeout());
        return new LagEngine(settings, admin, probe, units, Clock.systemUTC());
    }

    public LagSettings settings() {
        return settings;
    }

    /** Records the probe consumer fetched so far (the cache keeps repeated evaluations near zero). */
    public long recordsRead() {
        return probe.recordsRead();
    }

    /** The groups named explicitly: settings' groups, then the pipeline's when enabled. */
    public List<String> namedGroups() {
        Set<String> groups = new LinkedHashSet<>();
        if (settings.pipelineGroups()) {
            groups.addAll(PipelineGroups.expectedTopics().keySet());
        }
        groups.addAll(settings.groups());
        return List.copyOf(groups);
    }

    public LagSnapshot evaluate() {
        long start = System.nanoTime();
        Instant now = clock.instant();
        List<GroupLag> groups;
        try {
            ClusterState state = reader.read(namedGroups(), settings.allGroups(),
                    settings.pipelineGroups() ? PipelineGroups.expectedTopics() : Map.of());
            groups = calculator.calculate(state, now.toEpochMilli());
        } catch (ClusterUnreadableException e) {
            groups = new ArrayList<>();
            for (String group : namedGroups()) {
                groups.add(LagCalculator.unreadable(group, e.getMessage()));
            }
        }
        List<GroupLag> judged = new ArrayList<>(groups.size());
        for (GroupLag group : groups) {
            SampleWindow window = windows.computeIfAbsent(group.group(), g -> new SampleWindow(settings.windowSamples()));
            window.add(sample(now, group));
            StatusVerdict verdict = evaluator.evaluate(window.samples());
            judged.add(group.withStatus(verdict.status(), verdict.reason()));
        }
        Set<String> seen = new LinkedHashSet<>();
        judged.forEach(g -> seen.add(g.group()));
        windows.keySet().retainAll(seen);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new LagSnapshot(now, millis, judged);
    }

    static GroupSample sample(Instant now, GroupLag group) {
        Map<String, PartitionSample> partitions = new LinkedHashMap<>();
        for (PartitionLag p : group.partitions()) {
            if (p.condition() != PartitionCondition.UNREADABLE) {
                partitions.put(p.topic() + "-" + p.partition(), new PartitionSample(p.committedOffset(), p.recordLag()));
            }
        }
        return new GroupSample(now, group.error() == null, group.error(), group.members(), partitions);
    }

    @Override
    public void close() {
        try {
            probe.close();
        } finally {
            admin.close();
        }
    }
}
