package dev.clipstream.fleet.cli;

import dev.clipstream.fleet.auth.FleetTokens;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream push tokens}: the tokens file ingest needs to accept a simulated fleet. */
@Command(
        name = "tokens",
        mixinStandardHelpOptions = true,
        description = {
                "Write ingest's tokens file for a simulated fleet (config key ingest.auth.tokens.file): one line "
                        + "`veh-00001=sha256:<hex>` per vehicle, the SHA-256 of its token. Tokens are "
                        + "base64url(HMAC-SHA256(fleet secret, vehicle id)), so `clipstream push` with the same "
                        + "secret derives them again and no token is ever written down."},
        footerHeading = "%nExample:%n",
        footer = "  clipstream push tokens --fleet-secret s3cret --vehicles 100 --out tokens.properties")
public final class PushTokensCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--fleet-secret", paramLabel = "SECRET", defaultValue = "${env:CLIPSTREAM_FLEET_SECRET}",
            description = "The fleet secret (default: $CLIPSTREAM_FLEET_SECRET).")
    String fleetSecret;

    @Option(names = "--vehicles", paramLabel = "N", required = true,
            description = "Fleet size: vehicles veh-00001 .. veh-N.")
    int vehicles;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Tokens file to write (replaced).")
    Path out;

    @Override
    public Integer call() {
        if (fleetSecret == null || fleetSecret.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing --fleet-secret (or $CLIPSTREAM_FLEET_SECRET): the secret the vehicle tokens derive from");
        }
        if (vehicles < 1 || vehicles > 99_999) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--vehicles must be 1..99999, was " + vehicles);
        }
        try {
            new FleetTokens(fleetSecret).writeTokensFile(FleetTokens.vehicleIds(vehicles), out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the tokens file " + out + ": " + e.getMessage(), e);
        }
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf("Wrote tokens of %d vehicles (veh-00001 .. %s) to %s%n", vehicles,
                FleetTokens.vehicleId(vehicles), out.toAbsolutePath());
        printer.flush();
        return CommandLine.ExitCode.OK;
    }
}
