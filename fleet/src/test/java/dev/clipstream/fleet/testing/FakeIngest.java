package dev.clipstream.fleet.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for ingest's API v1 in unit tests: answers scripted failures first (503, 429, ...), then behaves as ingest
 * does for a good upload: 201 for a new clip id, 200 for the same id and digest again, 409 for another digest. It
 * reads every body in full and records what it received.
 */
public final class FakeIngest implements AutoCloseable {

    /** One request as the server saw it. */
    public record Received(String method, String path, Map<String, List<String>> headers, long bodyBytes,
                           String bodySha256, long atNanos) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A scripted answer. */
    public record Scripted(int status, String errorCode, Integer retryAfterSeconds) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final Map<String, Integer> created = new ConcurrentHashMap<>();

    public FakeIngest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers the next requests with these, in order, before behaving normally. */
    public FakeIngest thenAnswer(int status, String errorCode, Integer retryAfterSeconds) {
        script.add(new Scripted(status, errorCode, retryAfterSeconds));
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> puts() {
        return received.stream().filter(r -> r.method().equals("PUT")).toList();
    }

    /** clip path -> how many 201s it got: more than 1 would be a duplicate event at a real ingest. */
    public Map<String, Integer> createdCounts() {
        return Map.copyOf(created);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            MessageDigest digest = sha256();
            long bytes = 0;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, read);
                    bytes += read;
                }
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            received.add(new Received(method, path, Map.copyOf(exchange.getRequestHeaders()), bytes, sha,
                    System.nanoTime()));
            Scripted next = script.poll();
            if (next != null) {
                if (next.retryAfterSeconds() != null) {
                    exchange.getResponseHeaders().add("Retry-After", String.valueOf(next.retryAfterSeconds()));
                }
                respond(exchange, next.status(), "{\"error\":\"" + next.errorCode()
                        + "\",\"message\":\"scripted " + next.status() + "\"}");
                return;
            }
            if (method.equals("GET")) {
                String known = accepted.get(path);
                respond(exchange, known == null ? 404 : 200, known == null
                        ? "{\"error\":\"not-found\",\"message\":\"no such clip\"}"
                        : "{\"status\":\"accepted\",\"sha256\":\"" + known + "\",\"blobUri\":\"blob://x\"}");
                return;
            }
            if (exchange.getRequestHeaders().getFirst("Content-Length") == null) {
                respond(exchange, 411, "{\"error\":\"length-required\",\"message\":\"no Content-Length\"}");
                return;
            }
            String declared = exchange.getRequestHeaders().getFirst("Clip-Sha256");
            if (!sha.equals(declared)) {
                respond(exchange, 422, "{\"error\":\"digest-mismatch\",\"message\":\"body is " + sha + "\"}");
                return;
            }
            String previous = accepted.putIfAbsent(path, sha);
            if (previous == null) {
                created.merge(path, 1, Integer::sum);
                respond(exchange, 201, "{\"status\":\"accepted\",\"sha256\":\"" + sha
                        + "\",\"blobUri\":\"blob://clips/sha256/" + sha + "\"}");
            } else if (previous.equals(sha)) {
                respond(exchange, 200, "{\"status\":\"already-accepted\",\"sha256\":\"" + sha
                        + "\",\"blobUri\":\"blob://clips/sha256/" + sha + "\"}");
            } else {
                respond(exchange, 409, "{\"error\":\"clip-conflict\",\"message\":\"other content\"}");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
