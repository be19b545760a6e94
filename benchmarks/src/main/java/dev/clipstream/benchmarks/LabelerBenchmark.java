package dev.clipstream.benchmarks;

import dev.clipstream.labeling.campaign.CampaignRules;
import dev.clipstream.labeling.campaign.SeedCampaigns;
import dev.clipstream.labeling.label.SimulatedLabeler;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.LabelSet;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** The simulated labeler on one clip, and labeling plus matching against the three demo campaigns. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LabelerBenchmark {

    private static final int POOL = 1 << 12;

    private final SimulatedLabeler labeler = new SimulatedLabeler();
    private List<ClipUploaded> clips;
    private List<Campaign> campaigns;
    private int next;

    @Setup
    public void setUp() {
        clips = BenchClips.generate(13, POOL);
        campaigns = SeedCampaigns.all(Instant.now());
    }

    @Benchmark
    public LabelSet label() {
        return labeler.label(nextClip());
    }

    @Benchmark
    public void labelAndMatchDemoCampaigns(Blackhole blackhole) {
        ClipUploaded clip = nextClip();
        LabelSet labels = labeler.label(clip);
        for (Campaign campaign : campaigns) {
            blackhole.consume(CampaignRules.matches(campaign.getTrigger(), clip, labels));
        }
    }

    private ClipUploaded nextClip() {
        next = (next + 1) & (POOL - 1);
        return clips.get(next);
    }
}
