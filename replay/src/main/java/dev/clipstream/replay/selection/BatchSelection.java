package dev.clipstream.replay.selection;

import dev.clipstream.schemas.avro.BatchClip;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.DatasetSelection;
import dev.clipstream.schemas.avro.TrainingBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which training batches a dataset takes: every given criterion must hold; an empty set or an absent bound does
 * not restrict. Label filters apply per clip: a batch is taken when at least one of its clips carries all of them
 * (batches are replayed whole, as the dispatcher placed them). Batches that are themselves replays are never
 * taken, so a dataset never contains another dataset's copies.
 *
 * @param campaignIds  campaigns to take, sorted; empty = all
 * @param labelFilters label conditions, sorted; empty = no label restriction
 * @param createdFrom  inclusive lower bound on TrainingBatch.createdAt
 * @param createdTo    exclusive upper bound on TrainingBatch.createdAt
 */
public record BatchSelection(SortedSet<String> campaignIds, SortedSet<LabelFilter> labelFilters,
                             Optional<Instant> createdFrom, Optional<Instant> createdTo) {

    public BatchSelection {
        campaignIds = new TreeSet<>(Objects.requireNonNull(campaignIds, "campaignIds"));
        labelFilters = new TreeSet<>(Objects.requireNonNull(labelFilters, "labelFilters"));
        Objects.requireNonNull(createdFrom, "createdFrom");
        Objects.requireNonNull(createdTo, "createdTo");
        campaignIds.forEach(id -> {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("Campaign id must not be blank");
            }
        });
        if (createdFrom.isPresent() && createdTo.isPresent() && !createdFrom.get().isBefore(createdTo.get())) {
            throw new IllegalArgumentException("Time range is empty: --from " + createdFrom.get()
                    + " is not before --to " + createdTo.get());
        }
        campaignIds = Collections.unmodifiableSortedSet(campaignIds);
        labelFilters = Collections.unmodifiableSortedSet(labelFilters);
    }

    public static BatchSelection of(List<String> campaignIds, List<String> labelFilters, Instant from, Instant to) {
        List<LabelFilter> filters = new ArrayList<>();
        for (String text : labelFilters) {
            filters.add(LabelFilter.parse(text));
        }
        return new BatchSelection(new TreeSet<>(campaignIds), new TreeSet<>(filters), Optional.ofNullable(from),
                Optional.ofNullable(to));
    }

    public static BatchSelection everything() {
        return of(List.of(), List.of(), null, null);
    }

    public boolean matches(TrainingBatch batch) {
        if (batch.getOrigin() == BatchOrigin.REPLAY) {
            return false;
        }
        if (!campaignIds.isEmpty() && !campaignIds.contains(batch.getCampaignId())) {
            return false;
        }
        Instant created = batch.getCreatedAt();
        if (createdFrom.isPresent() && created.isBefore(createdFrom.get())) {
            return false;
        }
        if (createdTo.isPresent() && !created.isBefore(createdTo.get())) {
            return false;
        }
        return labelFilters.isEmpty() || batch.getClips().stream().anyMatch(this::carriesAllLabels);
    }

    private boolean carriesAllLabels(BatchClip clip) {
        return labelFilters.stream().allMatch(filter -> filter.matches(clip));
    }

    /**
     * One line that identifies the selection: equal selections (in any option order) give equal lines. Dataset
     * ids are derived from it, so its format must never change.
     */
    public String canonical() {
        return "campaigns=" + String.join(",", campaignIds)
                + ";labels=" + String.join(",", labelFilters.stream().map(LabelFilter::canonical).toList())
                + ";from=" + createdFrom.map(Instant::toString).orElse("")
                + ";to=" + createdTo.map(Instant::toString).orElse("");
    }

    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(campaignIds.isEmpty() ? "all campaigns" : "campaign " + String.join(", ", campaignIds));
        if (!labelFilters.isEmpty()) {
            parts.add("labels " + String.join(" and ", labelFilters.stream().map(LabelFilter::canonical).toList()));
        }
        if (createdFrom.isPresent() || createdTo.isPresent()) {
            parts.add("created " + createdFrom.map(Instant::toString).orElse("-inf") + " .. "
                    + createdTo.map(Instant::toString).orElse("+inf"));
        }
        return String.join("; ", parts);
    }

    public DatasetSelection toAvro() {
        return DatasetSelection.newBuilder()
                .setCampaignIds(List.copyOf(campaignIds))
                .setLabelFilters(labelFilters.stream().map(LabelFilter::canonical).toList())
                .setCreatedFrom(createdFrom.orElse(null))
                .setCreatedTo(createdTo.orElse(null))
                .build();
    }

    public static BatchSelection fromAvro(DatasetSelection selection) {
        return of(selection.getCampaignIds(), selection.getLabelFilters(), selection.getCreatedFrom(),
                selection.getCreatedTo());
    }
}
