package dev.clipstream.cli.pipeline;

/** The five services of a Clipstream pipeline, in the order data flows through them. */
public enum PipelineService {
    INGEST("ingest"),
    LABELING("labeling"),
    DISPATCH("dispatch"),
    DOJO("dojo"),
    NVIDIA("nvidia");

    private final String displayName;

    PipelineService(String displayName) {
        this.displayName = displayName;
    }

    /** Lower-case name, as the CLI subcommand or backend name says it (ingest, labeling, dispatch, dojo, nvidia). */
    public String displayName() {
        return displayName;
    }
}
