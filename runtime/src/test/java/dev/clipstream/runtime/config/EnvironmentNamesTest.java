package dev.clipstream.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentNamesTest {

    @ParameterizedTest
    @CsvSource({
            "CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrap.servers",
            "CLIPSTREAM_SCHEMA_REGISTRY_URL, schema.registry.url",
            "CLIPSTREAM_MANAGEMENT_PORT, management.port",
            "CLIPSTREAM_KAFKA_STREAMS_NUM__STREAM__THREADS, kafka.streams.num_stream_threads",
            "CLIPSTREAM_KAFKA_PRODUCER_CLIENT___DNS___LOOKUP, kafka.producer.client-dns-lookup",
            "CLIPSTREAM_INGEST_MAX__CLIP___SIZE_BYTES, ingest.max_clip-size.bytes"
    })
    void mapsVariableToKeyAndBack(String variable, String key) {
        assertThat(EnvironmentNames.toKey(variable)).contains(key);
        assertThat(EnvironmentNames.toVariable(key)).isEqualTo(variable);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATH", "KAFKA_BOOTSTRAP_SERVERS", "CLIPSTREAM_", "clipstream_kafka"})
    void ignoresVariablesWithoutThePrefix(String variable) {
        assertThat(EnvironmentNames.toKey(variable)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"clipstream.cli.verbose", "kafka.consumer.max.poll.records", "a_b-c.d"})
    void roundTripsKeysThroughTheirVariable(String key) {
        assertThat(EnvironmentNames.toKey(EnvironmentNames.toVariable(key))).contains(key);
    }
}
