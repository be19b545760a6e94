package dev.clipstream.replay;

import dev.clipstream.replay.manifest.BatchScanner;
import dev.clipstream.replay.manifest.ManifestResolver;
import dev.clipstream.replay.manifest.ManifestStore;
import dev.clipstream.replay.manifest.Manifests;
import dev.clipstream.replay.manifest.SelectedBatch;
import dev.clipstream.replay.manifest.SelectionSnapshot;
import dev.clipstream.replay.publish.PublishResult;
import dev.clipstream.replay.publish.ReplayProgressListener;
import dev.clipstream.replay.publish.ReplayPublisher;
import dev.clipstream.replay.selection.BatchSelection;
import dev.clipstream.replay.selection.DatasetIds;
import dev.clipstream.schemas.avro.DatasetManifest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The replay use cases on top of scanner, manifest store, resolver and publisher: plan (dry run), prepare a
 * manifest for a selection (resume, reuse or create a version), and publish a manifest.
 */
public final class DatasetReplay {

    /** Why a prepared manifest was chosen. */
    public enum Decision {
        /** No earlier version: version 1 was created. */
        CREATED,
        /** The latest version selects other batches than the snapshot now does: the next version was created. */
        NEW_VERSION,
        /** The latest version is not fully published yet: it is continued, with no new scan. */
        RESUMING,
        /** The snapshot selects exactly the latest version's batches: it is reused. */
        UNCHANGED,
        /** Nothing matches the selection: no manifest. */
        NOTHING_SELECTED
    }

    /**
     * A manifest ready to publish and its batches. {@code batches} is null for {@link Decision#RESUMING} and
     * {@link Decision#UNCHANGED}: then they are resolved from the manifest.
     */
    public record Prepared(Decision decision, Optional<DatasetManifest> manifest, List<SelectedBatch> batches,
                           Optional<SelectionSnapshot> snapshot) {
    }

    /** What a dry run found: the snapshot and the manifest a real run would publish (not stored). */
    public record Plan(SelectionSnapshot snapshot, DatasetManifest manifest, Decision decision,
                       Optional<DatasetManifest> latestVersion) {
    }

    private final ReplayTopics topics;
    private final BatchScanner scanner;
    private final ManifestStore store;
    private final ManifestResolver resolver;
    private final ReplayPublisher publisher;
    private final Clock clock;

    public DatasetReplay(ReplayClients clients, ReplayTopics topics, int transactionSize, Duration stallTimeout,
                         Clock clock) {
        this.topics = topics;
        this.scanner = new BatchScanner(clients, topics, stallTimeout);
        this.store = new ManifestStore(clients, topics);
        this.resolver = new ManifestResolver(clients, topics, stallTimeout);
        this.publisher = new ReplayPublisher(clients, topics, transactionSize, stallTimeout);
        this.clock = clock;
    }

    public ReplayTopics topics() {
        return topics;
    }

    public ManifestStore store() {
        return store;
    }

    /** Scans and builds the manifest a real run would create, writing nothing. */
    public Plan plan(BatchSelection selection) {
        String datasetId = DatasetIds.datasetId(selection);
        Optional<DatasetManifest> latest = store.latestVersion(datasetId);
        SelectionSnapshot snapshot = scanner.scan(selection);
        if (latest.isPresent() && Manifests.selectsSameBatches(latest.get(), snapshot)) {
            return new Plan(snapshot, latest.get(), Decision.UNCHANGED, latest);
        }
        int version = latest.map(m -> m.getVersion() + 1).orElse(1);
        Decision decision = snapshot.batches().isEmpty() ? Decision.NOTHING_SELECTED
                : latest.isPresent() ? Decision.NEW_VERSION : Decision.CREATED;
        return new Plan(snapshot, Manifests.build(snapshot, version, clock.instant()), decision, latest);
    }

    /**
     * The manifest a run for this selection publishes: the latest version while it is incompletely published
     * (a rerun after an interruption continues it), the latest version again when nothing changed, else a new
     * version from a fresh snapshot, stored before anything is published.
     */
    public Prepared prepare(BatchSelection selection) {
        String datasetId = DatasetIds.datasetId(selection);
        Optional<DatasetManifest> latest = store.latestVersion(datasetId);
        if (latest.isPresent() && publisher.alreadyPublished(latest.get()).size()
                < latest.get().getTotals().getBatchCount()) {
            return new Prepared(Decision.RESUMING, latest, null, Optional.empty());
        }
        SelectionSnapshot snapshot = scanner.scan(selection);
        if (snapshot.batches().isEmpty()) {
            return new Prepared(Decision.NOTHING_SELECTED, Optional.empty(), List.of(), Optional.of(snapshot));
        }
        if (latest.isPresent() && Manifests.selectsSameBatches(latest.get(), snapshot)) {
            return new Prepared(Decision.UNCHANGED, latest, null, Optional.of(snapshot));
        }
        int version = latest.map(m -> m.getVersion() + 1).orElse(1);
        DatasetManifest manifest = Manifests.build(snapshot, version, clock.instant());
        store.save(manifest);
        return new Prepared(latest.isPresent() ? Decision.NEW_VERSION : Decision.CREATED, Optional.of(manifest),
                snapshot.batches(), Optional.of(snapshot));
    }

    /** Reads a stored manifest's batches back exactly. */
    public List<SelectedBatch> resolve(DatasetManifest manifest) {
        return resolver.resolve(manifest);
    }

    /** How many of the manifest's batches earlier runs have published. */
    public int alreadyPublished(DatasetManifest manifest) {
        return publisher.alreadyPublished(manifest).size();
    }

    /** Publishes a prepared manifest (resolving its batches when the preparation did not scan them). */
    public PublishResult publish(Prepared prepared, ReplayProgressListener listener, BooleanSupplier stop) {
        DatasetManifest manifest = prepared.manifest().orElseThrow(() ->
                new IllegalStateException("Nothing was selected, so there is no manifest to publish"));
        List<SelectedBatch> batches = prepared.batches() != null ? prepared.batches() : resolver.resolve(manifest);
        return publisher.publish(manifest, batches, listener, stop);
    }

    /** Publishes a stored manifest by id (e.g. to resume it, or to replay an old version again). */
    public PublishResult publish(DatasetManifest manifest, ReplayProgressListener listener, BooleanSupplier stop) {
        return publisher.publish(manifest, resolver.resolve(manifest), listener, stop);
    }
}
