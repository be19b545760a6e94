package dev.clipstream.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** docs/openapi/ingest-v1.yaml parses, and describes every route the server registers with every answer. */
class OpenApiContractTest {

    private static final Path SPEC = Path.of("..", "docs", "openapi", "ingest-v1.yaml");
    private static final Path GUIDE = Path.of("..", "docs", "ingest-api.md");

    @Test
    void describesEveryRegisteredRoute() throws IOException {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(SPEC));
        assertThat(spec.path("openapi").asText()).startsWith("3.1");

        List<String> documented = new ArrayList<>();
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (!method.equals("parameters")) {
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(IngestHttpServer.ROUTES);
    }

    @Test
    void documentsEveryStatusOfTheUploadInBothDocs() throws IOException {
        JsonNode put = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(SPEC))
                .path("paths").path("/v1/vehicles/{vehicleId}/clips/{clipId}").path("put").path("responses");
        List<String> statuses = List.of("200", "201", "400", "401", "403", "408", "409", "411", "413", "415", "422",
                "429", "431", "503");
        List<String> documented = new ArrayList<>();
        put.fieldNames().forEachRemaining(documented::add);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(statuses);

        String guide = Files.readString(GUIDE);
        for (String status : statuses) {
            assertThat(guide).as("docs/ingest-api.md shows a %s", status).contains("HTTP/1.1 " + status);
        }
    }
}
