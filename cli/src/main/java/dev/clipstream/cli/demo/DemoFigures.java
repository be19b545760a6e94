package dev.clipstream.cli.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One picture of a demo run: what the live view shows each second and the summary shows at the end.
 *
 * @param phase      what the run is doing, in words ("fleet uploading", "draining", "done")
 * @param uploaded   uploads the fleet finished (accepted or refused)
 * @param acceptedByIngest uploads ingest accepted (201, or 200 for a clip it already had)
 * @param refusedByIngest  refused uploads by error kind (e.g. "429 rate-limited")
 * @param lag        consumer lag per group, in order
 * @param backends   the Dojo outage story so far, in words
 * @param residentBytes resident memory of all the demo's processes
 */
public record DemoFigures(String phase, Duration elapsed, Duration fleetElapsed, Duration fleetDuration, int vehicles,
                          long uploaded, long acceptedByIngest, Map<String, Long> refusedByIngest,
                          ClipAccount clips, long labeled, DispatchTotals dispatch, List<GroupLagLine> lag,
                          String backends, long residentBytes) {

    /** One consumer group's lag as the lag monitor reported it. */
    public record GroupLagLine(String group, long records, String status) {
    }

    public DemoFigures {
        refusedByIngest = Map.copyOf(refusedByIngest);
        lag = List.copyOf(lag);
    }

    public long refused() {
        return refusedByIngest.values().stream().mapToLong(Long::longValue).sum();
    }
}
