package dev.clipstream.cli.demo;

import dev.clipstream.backends.api.BackendFaults;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The Dojo outage the demo injects through the simulated backend's fault API: down at {@code startAfter} into the
 * fleet run, back up {@code length} later. Tells, in words, what the dispatcher did about it, from the placements on
 * dispatch.events: batches falling back to Nvidia while Dojo is down, and returning to Dojo after.
 */
final class OutageScript {

    enum State { PLANNED, DOWN, RECOVERED, SKIPPED }

    private final BackendFaults dojo;
    private final Duration startAfter;
    private final Duration length;
    private final Consumer<String> messages;
    private State state = State.PLANNED;
    private Instant downAt;
    private Instant upAt;

    OutageScript(BackendFaults dojo, Duration startAfter, Duration length, Consumer<String> messages) {
        this.dojo = dojo;
        this.startAfter = startAfter;
        this.length = length;
        this.messages = messages;
    }

    /**
     * Injects or ends the outage when its time has come. It starts at {@code startAfter} into the fleet run, but not
     * before Dojo has completed a first batch (so the fallback and the return are to be seen), and ends after
     * {@code length} once at least one batch has fallen back to Nvidia, or after three times {@code length}
     * whatever happened (a slow machine may batch nothing for a while). On a slow machine the start may fall into the
     * drain after the fleet stopped; it needs {@code moreToCome} (clips still in flight that can form batches).
     */
    synchronized void tick(Duration fleetElapsed, Instant now, long dojoCompleted, long fallbacks,
                           boolean moreToCome) {
        if (state == State.PLANNED && fleetElapsed.compareTo(startAfter) >= 0 && dojoCompleted > 0 && moreToCome) {
            dojo.outage();
            downAt = now;
            state = State.DOWN;
            messages.accept(String.format(Locale.ROOT, "[%s] Injected a Dojo outage (POST /v1/faults/outage): its "
                    + "running jobs fail; the dispatcher should retry them and place new batches on Nvidia.",
                    Texts.seconds(fleetElapsed)));
        } else if (state == State.DOWN) {
            Duration down = Duration.between(downAt, now);
            if (down.compareTo(length) >= 0 && (fallbacks > 0 || down.compareTo(length.multipliedBy(3)) >= 0)) {
                recover(now);
                messages.accept(String.format(Locale.ROOT, "[%s] Ended the Dojo outage after %s (POST "
                        + "/v1/faults/recover): batches should return to Dojo.", Texts.seconds(fleetElapsed),
                        Texts.seconds(down)));
            }
        }
    }

    /** The drain is over: ends a running outage now; one not started by now is not started any more. */
    synchronized void endIfDown(Instant now) {
        if (state == State.DOWN) {
            recover(now);
            messages.accept("Ended the Dojo outage (the drain period is over).");
        } else if (state == State.PLANNED) {
            state = State.SKIPPED;
        }
    }

    private void recover(Instant now) {
        dojo.recover();
        upAt = now;
        state = State.RECOVERED;
    }

    synchronized State state() {
        return state;
    }

    /** Nvidia placements while Dojo was down (plus a second for decisions already under way). */
    synchronized long fallbacks(PipelineTally tally) {
        return downAt == null ? 0 : tally.placementsOn(LiveView.NVIDIA, downAt,
                upAt == null ? null : upAt.plusSeconds(1));
    }

    /** Dojo placements after it came back. */
    synchronized long returns(PipelineTally tally) {
        return upAt == null ? 0 : tally.placementsOn(LiveView.DOJO, upAt, null);
    }

    synchronized String describe(PipelineTally tally, Instant now) {
        return describe(state, downAt == null ? null : Duration.between(downAt, now),
                upAt == null ? null : Duration.between(upAt, now), startAfter, length, fallbacks(tally),
                returns(tally));
    }

    /** The story in words; pure, for tests. */
    static String describe(State state, Duration sinceDown, Duration sinceUp, Duration startAfter, Duration length,
                           long fallbacks, long returns) {
        return switch (state) {
            case PLANNED -> String.format(Locale.ROOT, "Dojo UP, Nvidia UP: batches go to Dojo first, Nvidia is the "
                    + "fallback. A Dojo outage is planned at %s into the fleet run (once Dojo has completed a "
                    + "batch), for %s.", Texts.seconds(startAfter), Texts.seconds(length));
            case DOWN -> String.format(Locale.ROOT, "DOJO OUTAGE for %s: Dojo is DOWN, so batches fall back to "
                    + "Nvidia (%d placed on Nvidia since)%s.", Texts.seconds(sinceDown), fallbacks,
                    fallbacks == 0 ? "; waiting for the next batch" : "");
            case RECOVERED -> String.format(Locale.ROOT, "Dojo is back UP (for %s): %d batches fell back to Nvidia "
                    + "during the outage; %d placed on Dojo since it returned.", Texts.seconds(sinceUp), fallbacks,
                    returns);
            case SKIPPED -> "No Dojo outage was injected (the run ended before its time, or before Dojo "
                    + "completed a batch).";
        };
    }
}
