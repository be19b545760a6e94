package dev.clipstream.labeling.filter;

import dev.clipstream.labeling.config.PlausibilityLimits;
import dev.clipstream.schemas.avro.ClipUploaded;
import java.util.Locale;
import java.util.Optional;

/** Checks that a clip's metadata describes a video that can exist; the first problem found is the reason. */
public final class PlausibilityRule {

    private final PlausibilityLimits limits;

    public PlausibilityRule(PlausibilityLimits limits) {
        this.limits = limits;
    }

    /** The problem with the clip's metadata, or empty when it is plausible. */
    public Optional<String> problem(ClipUploaded clip) {
        long duration = clip.getDurationMillis();
        if (duration <= 0) {
            return Optional.of("durationMillis is " + duration + ", not positive");
        }
        if (duration > limits.maxDuration().toMillis()) {
            return Optional.of("durationMillis " + duration + " exceeds the maximum of "
                    + limits.maxDuration().toMillis() + " ms");
        }
        if (clip.getCaptureEnd().isBefore(clip.getCaptureStart())) {
            return Optional.of("captureEnd " + clip.getCaptureEnd() + " is before captureStart "
                    + clip.getCaptureStart());
        }
        float fps = clip.getFramesPerSecond();
        if (!(fps >= limits.minFramesPerSecond() && fps <= limits.maxFramesPerSecond())) {
            return Optional.of(String.format(Locale.ROOT, "framesPerSecond %s is outside %s..%s", fps,
                    limits.minFramesPerSecond(), limits.maxFramesPerSecond()));
        }
        int width = clip.getResolution().getWidth();
        int height = clip.getResolution().getHeight();
        if (width < limits.minWidth() || width > limits.maxWidth()
                || height < limits.minHeight() || height > limits.maxHeight()) {
            return Optional.of("resolution " + width + "x" + height + " is outside " + limits.minWidth() + ".."
                    + limits.maxWidth() + " x " + limits.minHeight() + ".." + limits.maxHeight());
        }
        if (clip.getByteSize() <= 0) {
            return Optional.of("byteSize is " + clip.getByteSize() + ", not positive");
        }
        double bitsPerSecond = clip.getByteSize() * 8.0 * 1000.0 / duration;
        if (bitsPerSecond < limits.minBitsPerSecond() || bitsPerSecond > limits.maxBitsPerSecond()) {
            return Optional.of(String.format(Locale.ROOT,
                    "byteSize %d over %d ms is %.0f bit/s, outside the plausible %d..%d bit/s", clip.getByteSize(),
                    duration, bitsPerSecond, limits.minBitsPerSecond(), limits.maxBitsPerSecond()));
        }
        return Optional.empty();
    }
}
