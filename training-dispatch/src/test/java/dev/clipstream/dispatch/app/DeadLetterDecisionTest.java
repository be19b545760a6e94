package dev.clipstream.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.schemas.serde.OversizeValueException;
import dev.clipstream.schemas.serde.SchemaRegistryException;
import dev.clipstream.schemas.serde.SchemaRegistryUnreachableException;
import dev.clipstream.schemas.serde.UnknownMagicByteException;
import dev.clipstream.schemas.serde.UnknownSchemaIdException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Which deserialization failures make a record poison (dead letter) and which are the registry's (read again). */
class DeadLetterDecisionTest {

    @Test
    void aRegistryThatDoesNotAnswerOrFailsIsNotTheRecordsFault() {
        assertThat(DispatchLoop.registryNotAnswering(new SchemaRegistryUnreachableException("http://r",
                "fetch schema id 3", new IOException("Connection refused")))).isTrue();
        assertThat(DispatchLoop.registryNotAnswering(new SchemaRegistryException("Fetching schema id 3 failed",
                "http://r", 503, -1, "unavailable"))).isTrue();
    }

    @Test
    void garbageAndUnknownSchemaIdsArePoison() {
        assertThat(DispatchLoop.registryNotAnswering(
                new UnknownMagicByteException("training.batches", (byte) 0x6e, 15))).isFalse();
        assertThat(DispatchLoop.registryNotAnswering(new UnknownSchemaIdException(987_654_321, "http://r", 404, 40403,
                "Schema not found"))).isFalse();
        assertThat(DispatchLoop.registryNotAnswering(new IllegalStateException("anything else"))).isFalse();
    }

    @Test
    void aValueOverTheTopicsSizeLimitIsPoison() {
        assertThat(DispatchLoop.registryNotAnswering(
                new OversizeValueException("training.batches", 1_000_000, 524_288))).isFalse();
    }
}
