package dev.clipstream.fleet.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetTokensTest {

    @Test
    void tokenIsBase64UrlOfHmacSha256OfTheVehicleId() {
        // HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog") is the RFC 4231-style textbook value
        // f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8.
        String token = new FleetTokens("key").token("The quick brown fox jumps over the lazy dog");

        assertThat(token).isEqualTo("97yD9DBThCSxMpjmqm-xQ-9NWaFJRhdZl0edvC0aPNg");
    }

    @Test
    void vehiclesGetDifferentTokensAndSecretsDifferentFleets() {
        FleetTokens fleet = new FleetTokens("s3cret");

        assertThat(fleet.token("veh-00001")).isNotEqualTo(fleet.token("veh-00002"))
                .isEqualTo(new FleetTokens("s3cret").token("veh-00001"))
                .isNotEqualTo(new FleetTokens("other").token("veh-00001"));
    }

    @Test
    void tokensFileHoldsTheSha256OfEachTokenNeverTheToken(@TempDir Path dir) throws Exception {
        FleetTokens fleet = new FleetTokens("s3cret");
        Path file = dir.resolve("conf/tokens.properties");

        fleet.writeTokensFile(FleetTokens.vehicleIds(3), file);

        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        assertThat(properties).hasSize(3);
        assertThat(properties.getProperty("veh-00003")).matches("sha256:[0-9a-f]{64}")
                .isEqualTo(FleetTokens.hashedEntry(fleet.token("veh-00003")));
        assertThat(Files.readString(file)).doesNotContain(fleet.token("veh-00001"));
        // sha256("abc")
        assertThat(FleetTokens.hashedEntry("abc"))
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void vehicleIdsFollowTheSimulatedFleetPattern() {
        assertThat(FleetTokens.vehicleIds(2)).containsExactly("veh-00001", "veh-00002");
        assertThat(FleetTokens.vehicleId(99_999)).isEqualTo("veh-99999");
        assertThatThrownBy(() -> FleetTokens.vehicleId(0)).hasMessageContaining("1..99999");
    }
}
