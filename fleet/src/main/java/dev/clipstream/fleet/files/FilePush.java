package dev.clipstream.fleet.files;

import dev.clipstream.fleet.sim.FleetListener;
import dev.clipstream.fleet.sim.FleetSummary;
import dev.clipstream.fleet.sim.RunSettings;
import dev.clipstream.fleet.sim.UploadSession;
import java.nio.file.Path;
import java.util.List;

/** The in-process API of {@code clipstream push FILE...}: uploads real video files as one vehicle's clips. */
public final class FilePush {

    private FilePush() {
    }

    public static FleetSummary run(RunSettings settings, List<Path> files, String vehicleId, String token,
                                   FileMetadataDefaults metadata, FleetListener listener) throws InterruptedException {
        return new UploadSession(settings, listener).run(new FileClips(files, vehicleId, token, metadata));
    }
}
