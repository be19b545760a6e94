package dev.clipstream.cli.bench;

import dev.clipstream.schemas.avro.ClipUploaded;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Sizes of records as they go on the wire: the 5-byte Confluent header (magic byte + schema id) plus the Avro
 * binary body. Computed without a registry, since the header size does not depend on the id.
 */
public record EncodedSizes(int median, int min, int max) {

    static final int WIRE_HEADER_BYTES = 5;

    public static EncodedSizes of(List<ClipUploaded> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("No records to measure");
        }
        SpecificDatumWriter<ClipUploaded> writer = new SpecificDatumWriter<>(ClipUploaded.class);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
        BinaryEncoder encoder = null;
        int[] sizes = new int[records.size()];
        try {
            for (int i = 0; i < sizes.length; i++) {
                buffer.reset();
                encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
                writer.write(records.get(i), encoder);
                encoder.flush();
                sizes[i] = WIRE_HEADER_BYTES + buffer.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding a ClipUploaded into memory failed", e);
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int size : sizes) {
            min = Math.min(min, size);
            max = Math.max(max, size);
        }
        return new EncodedSizes(Medians.of(sizes), min, max);
    }
}
