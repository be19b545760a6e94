package dev.clipstream.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema registry client over the Confluent REST API with {@code java.net.http}. The same code talks to Confluent
 * ({@code http://host:8081}) and to Apicurio's compatibility API ({@code http://host:port/apis/ccompat/v7}).
 * Decisions rest on HTTP status and {@code error_code}, never on message text, because registries word them
 * differently. Ids are cached per subject and schemas per id; both mappings are immutable on the registry.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final String baseUrl;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(10));
    }

    public HttpSchemaRegistryClient(String baseUrl, Duration requestTimeout) {
        this.baseUrl = normalise(baseUrl);
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    }

    private static String normalise(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Schema registry URL is missing (" + AvroSerdeConfig.SCHEMA_REGISTRY_URL + ")");
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Schema registry URL '" + url + "' is not a valid URI", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Schema registry URL '" + url + "' must start with http:// or https://");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public String url() {
        return baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        RegistryAnswer answer = send("register " + schema.getFullName() + " under '" + subject + "'",
                post("/subjects/" + encode(subject) + "/versions", schemaBody(schema)));
        if (answer.status == 409) {
            throw new IncompatibleSchemaException(subject, schema.getFullName(), baseUrl, answer.status,
                    answer.errorCode(), answer.message());
        }
        if (!answer.ok()) {
            throw answer.failure("Registering schema " + schema.getFullName() + " under subject '" + subject + "' failed");
        }
        int id = answer.requiredInt("id");
        remember(subject, schema, id);
        LOG.debug("Registered {} under subject '{}' as id {}", schema.getFullName(), subject, id);
        return id;
    }

    @Override
    public int lookUpId(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        RegistryAnswer answer = send("look up " + schema.getFullName() + " under '" + subject + "'",
                post("/subjects/" + encode(subject), schemaBody(schema)));
        if (answer.status == 404) {
            throw new SchemaNotRegisteredException(subject, schema.getFullName(), baseUrl, answer.status,
                    answer.errorCode(), answer.message());
        }
        if (!answer.ok()) {
            throw answer.failure("Looking up schema " + schema.getFullName() + " under subject '" + subject + "' failed");
        }
        int id = answer.requiredInt("id");
        remember(subject, schema, id);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        RegistryAnswer answer = send("fetch schema id " + id, get("/schemas/ids/" + id));
        if (answer.status == 404) {
            // 40403 on Confluent and Apicurio; any 404 on this path means the id does not resolve.
            throw new UnknownSchemaIdException(id, baseUrl, answer.status, answer.errorCode(), answer.message());
        }
        if (!answer.ok()) {
            throw answer.failure("Fetching schema id " + id + " failed");
        }
        String text = answer.requiredText("schema");
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("Schema id " + id + " is not a valid Avro schema: " + e.getMessage(),
                    baseUrl, answer.status, -1, text);
        }
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous == null ? schema : previous;
    }

    private Integer cachedId(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.get(subject);
        return ids == null ? null : ids.get(schema);
    }

    private void remember(String subject, Schema schema, int id) {
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", CONTENT_TYPE + ", application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", CONTENT_TYPE + ", application/json")
                .GET()
                .build();
    }

    private String schemaBody(Schema schema) {
        return json.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private RegistryAnswer send(String what, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryUnreachableException(baseUrl, what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnreachableException(baseUrl, what + ", interrupted", e);
        }
        return new RegistryAnswer(response.statusCode(), parse(response.body()));
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            // A proxy's HTML error page, for instance: keep the text for the message.
            return json.createObjectNode().put("message", body.length() > 500 ? body.substring(0, 500) : body);
        }
    }

    private final class RegistryAnswer {
        private final int status;
        private final JsonNode body;

        private RegistryAnswer(int status, JsonNode body) {
            this.status = status;
            this.body = body;
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        int errorCode() {
            JsonNode code = body.get("error_code");
            return code != null && code.canConvertToInt() ? code.asInt() : -1;
        }

        String message() {
            JsonNode message = body.get("message");
            return message == null ? body.toString() : message.asText();
        }

        int requiredInt(String field) {
            JsonNode node = body.get(field);
            if (node == null || !node.canConvertToInt()) {
                throw failure("Registry answer has no integer '" + field + "'");
            }
            return node.asInt();
        }

        String requiredText(String field) {
            JsonNode node = body.get(field);
            if (node == null || !node.isTextual()) {
                throw failure("Registry answer has no text '" + field + "'");
            }
            return node.asText();
        }

        SchemaRegistryException failure(String summary) {
            return new SchemaRegistryException(summary, baseUrl, status, errorCode(), message());
        }
    }
}
