package dev.clipstream.ingest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client library would send as given: raw paths, lying or
 * missing lengths, bodies that trickle, headers sent byte by byte.
 */
public final class RawHttp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private long bytesSent;

    public RawHttp(URI base, Duration readTimeout) {
        try {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout((int) readTimeout.toMillis());
            out = socket.getOutputStream();
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request line and headers (Host added), as ISO-8859-1 bytes; {@code path} is sent exactly as given. */
    public static byte[] head(String method, String path, URI base, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public long bytesSent() {
        return bytesSent;
    }

    /** Writes and flushes; false when the server has closed or reset the connection. */
    public boolean send(byte[] bytes) {
        return send(bytes, 0, bytes.length);
    }

    public boolean send(byte[] bytes, int offset, int length) {
        try {
            out.write(bytes, offset, length);
            out.flush();
            bytesSent += length;
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The response: status line, headers, body (by Content-Length, else up to EOF); status -1 when none came. */
    public Response read() {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try {
            int headEnd = -1;
            byte[] buffer = new byte[8192];
            while (headEnd < 0) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                raw.write(buffer, 0, read);
                headEnd = raw.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
            }
            if (headEnd < 0) {
                return new Response(-1, Map.of(), "", raw.size() == 0 ? "closed" : "partial");
            }
            String text = raw.toString(StandardCharsets.ISO_8859_1);
            String[] lines = text.substring(0, headEnd).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            byte[] all = raw.toByteArray();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(all, headEnd + 4, all.length - headEnd - 4);
            long length = headers.containsKey("content-length") ? Long.parseLong(headers.get("content-length")) : -1;
            boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
            while ((length < 0 || body.size() < length) && !(chunked && lastChunkSeen(body))) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                body.write(buffer, 0, read);
            }
            String content = body.toString(StandardCharsets.UTF_8);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                content = dechunk(content);
            }
            return new Response(status, headers, content, "answered");
        } catch (SocketTimeoutException e) {
            return new Response(-1, Map.of(), raw.toString(StandardCharsets.ISO_8859_1), "timeout");
        } catch (IOException e) {
            return new Response(-1, Map.of(), raw.toString(StandardCharsets.ISO_8859_1), "reset: " + e.getMessage());
        }
    }

    private static boolean lastChunkSeen(ByteArrayOutputStream body) {
        String text = body.toString(StandardCharsets.ISO_8859_1);
        return text.startsWith("0\r\n\r\n") || text.endsWith("\r\n0\r\n\r\n");
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            int end = Math.min(chunked.length(), lineEnd + 2 + size);
            out.append(chunked, lineEnd + 2, end);
            at = end + 2;
        }
        return out.toString();
    }

    /** True when the server closed the connection (EOF or reset) within the socket's read timeout. */
    public boolean closedByServer() {
        try {
            byte[] buffer = new byte[8192];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Whether the server has closed the connection, looking without waiting (a read of at most 1 ms). */
    public boolean closedByServerWithin() {
        try {
            int timeout = socket.getSoTimeout();
            socket.setSoTimeout(1);
            try {
                return in.read() < 0;
            } finally {
                socket.setSoTimeout(timeout);
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    public record Response(int status, Map<String, String> headers, String body, String how) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.nullNode();
            }
        }

        public boolean isJsonError() {
            return headers.getOrDefault("content-type", "").startsWith("application/json")
                    && json().path("error").isTextual() && !json().path("message").asText().isBlank();
        }

        @Override
        public String toString() {
            return status + " (" + how + ") " + headers.get("content-type") + " " + body;
        }
    }
}
