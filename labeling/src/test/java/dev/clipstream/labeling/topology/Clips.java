package dev.clipstream.labeling.topology;

import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.TriggerRule;
import dev.clipstream.schemas.fixture.SampleRecords;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Valid clips and campaigns for topology tests: each clip a new id and content unless a test changes them. */
public final class Clips {

    private static int counter;

    private Clips() {
    }

    /** A valid, cleared clip with a fresh clip id and sha256 (2 MB over 10 s: 1.6 Mbit/s). */
    public static ClipUploaded.Builder valid() {
        int n = ++counter;
        String sha = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(32).putInt(n).putLong(System.nanoTime())
                .array());
        return ClipUploaded.newBuilder(SampleRecords.clipUploaded())
                .setClipId(UUID.nameUUIDFromBytes(("clip-" + n + "-" + sha).getBytes()))
                .setSha256(sha)
                .setBlobUri("blob://clips/sha256/" + sha.substring(0, 2) + "/" + sha)
                .setByteSize(2_000_000L)
                .setVehicleId("veh-" + String.format("%05d", n % 7));
    }

    /** An active campaign that wants every clip. */
    public static Campaign.Builder catchAll(String id, int target) {
        return Campaign.newBuilder()
                .setCampaignId(id)
                .setName(id)
                .setDescription("test campaign " + id)
                .setTrigger(TriggerRule.newBuilder().build())
                .setTargetClipCount(target)
                .setPriority(0)
                .setStatus(CampaignStatus.ACTIVE)
                .setCreatedAt(Instant.parse("2026-11-01T00:00:00Z"))
                .setExpiresAt(null);
    }

    public static Campaign.Builder forTrigger(String id, String triggerId) {
        return catchAll(id, 1_000_000).setTrigger(TriggerRule.newBuilder().setTriggerIds(List.of(triggerId)).build());
    }
}
