package dev.clipstream.labeling.filter;

import dev.clipstream.labeling.topology.Screened;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.RejectReason;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** The stateless filters, cheapest first: plausible metadata, then privacy clearance. */
public final class MetadataScreening implements FixedKeyProcessor<String, ClipUploaded, Screened<ClipUploaded>> {

    private final PlausibilityRule plausibility;
    private final PrivacyRule privacy;
    private FixedKeyProcessorContext<String, Screened<ClipUploaded>> context;

    public MetadataScreening(PlausibilityRule plausibility, PrivacyRule privacy) {
        this.plausibility = plausibility;
        this.privacy = privacy;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Screened<ClipUploaded>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, ClipUploaded> record) {
        ClipUploaded clip = record.value();
        long now = context.currentSystemTimeMs();
        Optional<String> implausible = plausibility.problem(clip);
        if (implausible.isPresent()) {
            context.forward(record.withValue(Screened.reject(Rejections.of(clip, RejectReason.IMPLAUSIBLE_METADATA,
                    implausible.get(), Rejections.PLAUSIBILITY, now))));
            return;
        }
        Optional<String> notCleared = privacy.problem(clip);
        if (notCleared.isPresent()) {
            context.forward(record.withValue(Screened.reject(Rejections.of(clip, RejectReason.NO_PRIVACY_CLEARANCE,
                    notCleared.get(), Rejections.PRIVACY, now))));
            return;
        }
        context.forward(record.withValue(Screened.pass(clip)));
    }
}
