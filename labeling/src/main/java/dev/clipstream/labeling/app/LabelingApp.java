package dev.clipstream.labeling.app;

import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.labeling.label.Labeler;
import dev.clipstream.labeling.label.SimulatedLabeler;
import dev.clipstream.labeling.topology.LabelingTopology;
import dev.clipstream.runtime.config.KafkaClientSecurity;
import dev.clipstream.runtime.management.ManagementServer;
import dev.clipstream.runtime.management.ReadinessCheck;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.topic.TopicCatalog;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running labeling instance: the topology in a KafkaStreams client, its management endpoint (/healthz,
 * /readyz ready while Streams is RUNNING, /metrics with the Streams binder and the app's counters). Start more
 * instances with the same application id to scale out. {@link #close()} shuts down gracefully: Streams commits
 * and leaves the group, then the endpoint stops.
 */
public final class LabelingApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LabelingApp.class);

    private final KafkaStreams streams;
    private final ManagementServer management;
    private final KafkaStreamsMetrics streamsMetrics;
    private final LabelingMetrics metrics;
    private final Duration shutdownTimeout;
    private final CompletableFuture<KafkaStreams.State> stopped = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private LabelingApp(KafkaStreams streams, ManagementServer management, KafkaStreamsMetrics streamsMetrics,
                        LabelingMetrics metrics, Duration shutdownTimeout) {
        this.streams = streams;
        this.management = management;
        this.streamsMetrics = streamsMetrics;
        this.metrics = metrics;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** The in-process entry point for the demo: default application id, management endpoint on a free port. */
    public static LabelingApp start(LabelingSettings settings, TopicCatalog topics, String bootstrapServers) {
        return start(settings, topics, LabelingRuntime.inProcess(bootstrapServers), new SimulatedLabeler());
    }

    public static LabelingApp start(LabelingSettings settings, TopicCatalog topics, LabelingRuntime runtime,
                                    Labeler labeler) {
        if (runtime.createTopics()) {
            ensureTopics(topics, runtime.bootstrapServers(), runtime.streamsOverrides());
        }
        ManagementServer management = ManagementServer.start(runtime.management());
        try {
            LabelingMetrics metrics = new LabelingMetrics(management.meterRegistry());
            Properties props = LabelingStreamsConfig.properties(runtime.applicationId(), runtime.bootstrapServers(),
                    topics.deadLetter().name(), topics.replicationFactor(), runtime.streamsOverrides());
            KafkaStreams streams = new KafkaStreams(LabelingTopology.build(topics, settings, labeler, metrics), props);
            KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(management.meterRegistry());
            LabelingApp app = new LabelingApp(streams, management, streamsMetrics, metrics,
                    runtime.shutdownTimeout());
            app.wire();
            streams.start();
            LOG.info("Labeling started: application.id={}, Kafka {}, management {}", runtime.applicationId(),
                    runtime.bootstrapServers(), management.baseUri());
            return app;
        } catch (RuntimeException e) {
            management.close();
            throw e;
        }
    }

    private void wire() {
        streams.setUncaughtExceptionHandler(error -> {
            // The exception handlers already route bad records; what reaches here is unexpected (e.g. a broker
            // fencing the producer). A fresh thread resumes from the last committed transaction.
            LOG.error("Stream thread failed; replacing it", error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((newState, oldState) -> {
            LOG.info("Kafka Streams state {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                stopped.complete(newState);
            }
        });
        management.registerReadinessCheck("kafka-streams", () -> {
            KafkaStreams.State state = streams.state();
            return state == KafkaStreams.State.RUNNING
                    ? ReadinessCheck.Result.ok()
                    : ReadinessCheck.Result.failed("Kafka Streams is " + state);
        });
    }

    private static void ensureTopics(TopicCatalog topics, String bootstrapServers, Map<String, String> overrides) {
        // The app's own login (kafka.sasl.* reach the streams overrides); on a secured cluster create the topics
        // as admin instead (labeling.topics.create=false), since labeling may not create catalog topics.
        Map<String, Object> config = new HashMap<>(KafkaClientSecurity.loginSettings(overrides));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            TopicBootstrap.Result result = new TopicBootstrap(admin).ensureTopics(topics);
            if (!result.created().isEmpty()) {
                LOG.info("Created topics {}", result.created());
            }
        }
        TopicBootstrap.registerSchemas(topics);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public URI managementUri() {
        return management.baseUri();
    }

    public LabelingMetrics metrics() {
        return metrics;
    }

    /** Completes when Streams stops for good (ERROR or NOT_RUNNING), e.g. to end the command. */
    public CompletableFuture<KafkaStreams.State> stopped() {
        return stopped;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Labeling shutting down (timeout {})", shutdownTimeout);
        boolean clean = streams.close(new KafkaStreams.CloseOptions().timeout(shutdownTimeout));
        if (!clean) {
            LOG.warn("Kafka Streams did not close within {}", shutdownTimeout);
        }
        streamsMetrics.close();
        management.close();
    }
}
