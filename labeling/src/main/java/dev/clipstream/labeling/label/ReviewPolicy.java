package dev.clipstream.labeling.label;

import dev.clipstream.schemas.avro.LabelSet;
import dev.clipstream.schemas.avro.ObjectCount;
import dev.clipstream.schemas.avro.ScenarioTag;

/** A clip needs human review when any of its labels is less confident than the threshold. */
public final class ReviewPolicy {

    private final double threshold;

    public ReviewPolicy(double threshold) {
        this.threshold = threshold;
    }

    public boolean needsReview(LabelSet labels) {
        return lowestConfidence(labels) < threshold;
    }

    public static double lowestConfidence(LabelSet labels) {
        double lowest = Math.min(labels.getWeather().getConfidence(), labels.getTimeOfDay().getConfidence());
        for (ScenarioTag tag : labels.getScenarios()) {
            lowest = Math.min(lowest, tag.getConfidence());
        }
        for (ObjectCount count : labels.getObjectCounts()) {
            lowest = Math.min(lowest, count.getConfidence());
        }
        return lowest;
    }
}
