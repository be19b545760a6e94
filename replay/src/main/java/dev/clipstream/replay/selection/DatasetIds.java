package dev.clipstream.replay.selection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic ids of replay: dataset ids from the selection, manifest ids from dataset id and version, and
 * the ids of republished batches from manifest id and original batch id. Determinism is what makes a rerun
 * idempotent: the same selection finds the same dataset, and republishing a batch yields the same batch id, which
 * the dispatcher (idempotent by batchId) and the resume check both recognise.
 */
public final class DatasetIds {

    private static final Pattern MANIFEST_ID = Pattern.compile("(ds-[a-z0-9-]+)@v([1-9][0-9]{0,8})");
    private static final Pattern DATASET_ID = Pattern.compile("ds-[a-z0-9-]+");
    private static final int SLUG_MAX = 40;

    private DatasetIds() {
    }

    /** {@code ds-<campaign slug or 'all'/'multi'>-<10 hex of SHA-256(canonical selection)>}. */
    public static String datasetId(BatchSelection selection) {
        String slug = switch (selection.campaignIds().size()) {
            case 0 -> "all";
            case 1 -> slug(selection.campaignIds().first());
            default -> "multi";
        };
        return "ds-" + slug + "-" + sha256Hex(selection.canonical()).substring(0, 10);
    }

    public static String manifestId(String datasetId, int version) {
        if (version < 1) {
            throw new IllegalArgumentException("Dataset version must be >= 1, was " + version);
        }
        return datasetId + "@v" + version;
    }

    /** Parses {@code <datasetId>@v<version>}; throws IllegalArgumentException naming the expected form. */
    public static ManifestRef parseManifestId(String text) {
        Matcher matcher = MANIFEST_ID.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a manifest id; expected <datasetId>@v<version>"
                    + ", e.g. ds-left-turns-3fa2b91c0d@v1 (see `clipstream replay list`)");
        }
        return new ManifestRef(matcher.group(1), Integer.parseInt(matcher.group(2)));
    }

    public static boolean isDatasetId(String text) {
        return text != null && DATASET_ID.matcher(text).matches();
    }

    /** The batchId of the republished copy of {@code originalBatchId} in manifest {@code manifestId}. */
    public static UUID replayBatchId(String manifestId, String originalBatchId) {
        return UUID.nameUUIDFromBytes(("clipstream-replay:" + manifestId + ":" + originalBatchId)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The transactional.id of the producer that publishes a manifest: one per manifest, so a rerun fences a zombie. */
    public static String transactionalId(String manifestId) {
        return "clipstream-replay-" + manifestId;
    }

    public record ManifestRef(String datasetId, int version) {
        public String manifestId() {
            return DatasetIds.manifestId(datasetId, version);
        }
    }

    static String slug(String campaignId) {
        String slug = campaignId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > SLUG_MAX) {
            slug = slug.substring(0, SLUG_MAX).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "campaign" : slug;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
