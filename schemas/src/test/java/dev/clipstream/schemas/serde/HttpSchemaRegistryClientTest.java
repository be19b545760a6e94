package dev.clipstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.clipstream.schemas.avro.ClipUploaded;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted HTTP server: request shape, status/error_code mapping, caching. */
class HttpSchemaRegistryClientTest {

    private static final String BASE_PATH = "/apis/ccompat/v7";
    private static final Schema SCHEMA = ClipUploaded.getClassSchema();

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{}";
    private HttpServer server;
    private HttpSchemaRegistryClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        client = new HttpSchemaRegistryClient("http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH + "/");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
                + exchange.getRequestHeaders().getFirst("Content-Type"));
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void registerPostsTheSchemaToTheSubjectVersionsAndCachesTheId() throws IOException {
        answer = "{\"id\": 42}";

        assertThat(client.register("clips.uploaded-value", SCHEMA)).isEqualTo(42);
        assertThat(client.register("clips.uploaded-value", SCHEMA)).isEqualTo(42);

        assertThat(requests).containsExactly(
                "POST " + BASE_PATH + "/subjects/clips.uploaded-value/versions application/vnd.schemaregistry.v1+json");
        JsonNode body = json.readTree(bodies.get(0));
        assertThat(new Schema.Parser().parse(body.get("schema").asText())).isEqualTo(SCHEMA);
        // Registering remembers the schema by id as well: no GET needed afterwards.
        assertThat(client.schemaById(42)).isEqualTo(SCHEMA);
        assertThat(requests).hasSize(1);
    }

    @Test
    void lookUpPostsToTheSubjectWithoutRegistering() {
        answer = "{\"subject\":\"s\",\"id\":7,\"version\":1,\"schema\":\"\\\"string\\\"\"}";

        assertThat(client.lookUpId("s", SCHEMA)).isEqualTo(7);

        assertThat(requests).singleElement().asString().startsWith("POST " + BASE_PATH + "/subjects/s ");
    }

    @Test
    void lookUpOfAnUnregisteredSchemaIsSchemaNotRegistered() {
        status = 404;
        answer = "{\"error_code\":40403,\"message\":\"Schema not found\"}";

        assertThatThrownBy(() -> client.lookUpId("clips.uploaded-value", SCHEMA))
                .isInstanceOf(SchemaNotRegisteredException.class)
                .hasMessageContaining("clips.uploaded-value")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40403));
    }

    @Test
    void schemaByIdGetsAndCaches() {
        answer = json.createObjectNode().put("schema", SCHEMA.toString()).toString();

        assertThat(client.schemaById(3)).isEqualTo(SCHEMA);
        assertThat(client.schemaById(3)).isEqualTo(SCHEMA);

        assertThat(requests).containsExactly("GET " + BASE_PATH + "/schemas/ids/3 null");
    }

    @Test
    void unknownIdIsUnknownSchemaIdWithTheRegistryAnswer() {
        status = 404;
        answer = "{\"error_code\":40403,\"message\":\"No content with id 99 was found\"}";

        assertThatThrownBy(() -> client.schemaById(99))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining("99")
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("40403")
                .satisfies(e -> assertThat(((UnknownSchemaIdException) e).schemaId()).isEqualTo(99));
    }

    @Test
    void conflictIsIncompatibleSchemaWithStatusCodeAndMessage() {
        status = 409;
        answer = "{\"error_code\":409,\"message\":\"Incompatible schema: field x has no default\"}";

        assertThatThrownBy(() -> client.register("clips.uploaded-value", SCHEMA))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("clips.uploaded-value")
                .hasMessageContaining("field x has no default")
                .satisfies(e -> {
                    IncompatibleSchemaException incompatible = (IncompatibleSchemaException) e;
                    assertThat(incompatible.httpStatus()).isEqualTo(409);
                    assertThat(incompatible.errorCode()).isEqualTo(409);
                    assertThat(incompatible.subject()).isEqualTo("clips.uploaded-value");
                });
    }

    @Test
    void otherErrorsAreRegistryExceptionsWithStatusAndBody() {
        status = 500;
        answer = "<html>proxy error</html>";

        assertThatThrownBy(() -> client.register("s", SCHEMA))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("proxy error");
    }

    @Test
    void closedPortIsUnreachableNamingTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
        HttpSchemaRegistryClient unreachable = new HttpSchemaRegistryClient(url);

        assertThatThrownBy(() -> unreachable.schemaById(1))
                .isInstanceOf(SchemaRegistryUnreachableException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(url);
    }

    @Test
    void subjectIsUrlEncoded() {
        answer = "{\"id\": 1}";

        client.register("odd topic/x-value", SCHEMA);

        assertThat(requests).singleElement().asString().contains("/subjects/odd%20topic%2Fx-value/versions");
    }

    @Test
    void rejectsUrlsThatAreNotHttp() {
        assertThatThrownBy(() -> new HttpSchemaRegistryClient("localhost:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("localhost:8081");
    }
}
