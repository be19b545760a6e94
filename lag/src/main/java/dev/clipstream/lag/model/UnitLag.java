package dev.clipstream.lag.model;

/**
 * Lag in pipeline units: what the unconsumed records carry. For clips.uploaded one record is one clip; for
 * training.batches each record carries its batch totals.
 *
 * @param recordsScanned how many unconsumed records were decoded for these figures
 * @param estimate       true when the scan was bounded (max records scanned) and the figures are extrapolated from
 *                       the scanned records to the whole record lag
 * @param undecodable    unconsumed records that could not be decoded (counted in no unit)
 */
public record UnitLag(long clips, double videoSeconds, long videoBytes, long recordsScanned, boolean estimate,
                      long undecodable) {

    public static final UnitLag ZERO = new UnitLag(0, 0, 0, 0, false, 0);

    public UnitLag plus(UnitLag other) {
        return new UnitLag(clips + other.clips, videoSeconds + other.videoSeconds, videoBytes + other.videoBytes,
                recordsScanned + other.recordsScanned, estimate || other.estimate, undecodable + other.undecodable);
    }
}
