package dev.clipstream.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.ingest.auth.TokenAuthenticator.Outcome;
import dev.clipstream.ingest.blob.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenAuthenticatorTest {

    @TempDir
    Path dir;

    @Test
    void readsTheTokensFileAndDecidesPerVehicle() throws IOException {
        Path file = dir.resolve("tokens.properties");
        Files.writeString(file, "# vehicle tokens\n" + VehicleTokens.fileLine("veh-00001", "alpha") + "\n"
                + "veh-00002=sha256:" + Sha256.hexOf("beta") + "\n");
        TokenAuthenticator auth = new TokenAuthenticator(VehicleTokens.readFile(file));

        assertThat(auth.authorize("Bearer alpha", "veh-00001")).isEqualTo(Outcome.ALLOWED);
        assertThat(auth.authorize("bearer alpha", "veh-00001")).as("scheme is case-insensitive").isEqualTo(Outcome.ALLOWED);
        assertThat(auth.authorize("Bearer beta", "veh-00001")).isEqualTo(Outcome.FORBIDDEN);
        assertThat(auth.authorize("Bearer beta", "veh-99999")).isEqualTo(Outcome.FORBIDDEN);
        assertThat(auth.authorize("Bearer gamma", "veh-00001")).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(auth.authorize("Basic YWxwaGE=", "veh-00001")).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(auth.authorize("Bearer ", "veh-00001")).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(auth.authorize(null, "veh-00001")).isEqualTo(Outcome.UNAUTHENTICATED);
        assertThat(auth.authorize("Bearer " + "x".repeat(10_000), "veh-00001")).isEqualTo(Outcome.UNAUTHENTICATED);
    }

    @Test
    void refusesPlainTokensAndBadIdsWithoutEchoingSecrets() {
        assertThatThrownBy(() -> VehicleTokens.parseEntries(List.of("veh-00001=my-plain-secret"), "env"))
                .hasMessageContaining("veh-00001").hasMessageNotContaining("my-plain-secret");
        assertThatThrownBy(() -> VehicleTokens.parseEntries(List.of("../veh=sha256:" + Sha256.hexOf("a")), "env"))
                .hasMessageContaining("not a valid vehicle id");
        assertThatThrownBy(() -> VehicleTokens.readFile(dir.resolve("missing"))).hasMessageContaining("Cannot read");
    }

    @Test
    void entriesFromTheEnvironmentMergeWithTheFile() {
        VehicleTokens merged = VehicleTokens.parseEntries(List.of(VehicleTokens.fileLine("a1", "t1")), "file")
                .merge(VehicleTokens.parseEntries(List.of(VehicleTokens.fileLine("b2", "t2")), "env"));
        TokenAuthenticator auth = new TokenAuthenticator(merged);
        assertThat(merged.size()).isEqualTo(2);
        assertThat(auth.authorize("Bearer t2", "b2")).isEqualTo(Outcome.ALLOWED);
    }
}
