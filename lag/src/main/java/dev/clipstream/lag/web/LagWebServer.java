package dev.clipstream.lag.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipstream.lag.model.LagSnapshot;
import dev.clipstream.lag.monitor.LagHistory;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The lag page: {@code GET /lag} (plain HTML + JS, the chart library vendored in this jar, no CDN),
 * {@code GET /api/lag} (latest snapshot plus each group's history, the JSON the page polls;
 * {@code ?group=G} narrows it to one group, 404 when unknown). Errors are JSON, never a 500 page.
 */
public final class LagWebServer implements AutoCloseable {

    private static final String RESOURCES = "/dev/clipstream/lag/web/";
    private static final Map<String, String> ASSETS = Map.of(
            "app.js", "text/javascript; charset=utf-8",
            "lag.css", "text/css; charset=utf-8",
            "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8");

    private final Javalin app;
    private final String host;
    private final ObjectMapper json = new ObjectMapper();
    private final Supplier<Optional<LagSnapshot>> latest;
    private final LagHistory history;
    private final long refreshMillis;

    private LagWebServer(String host, int port, Supplier<Optional<LagSnapshot>> latest, LagHistory history,
                         long refreshMillis) {
        this.host = host;
        this.latest = latest;
        this.history = history;
        this.refreshMillis = refreshMillis;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.routes.get("/", ctx -> ctx.redirect("/lag"));
            config.routes.get("/lag", ctx -> asset(ctx, "index.html", "text/html; charset=utf-8"));
            config.routes.get("/lag/{asset}", this::asset);
            config.routes.get("/api/lag", this::api);
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    error(ctx, 404, "not-found", "No such page: " + ctx.path() + " (see /lag and /api/lag)");
                }
            });
            config.routes.exception(Exception.class, (e, ctx) -> error(ctx, 503, "unavailable",
                    "Lag data unavailable: " + e.getMessage()));
        });
    }

    public static LagWebServer start(String host, int port, Supplier<Optional<LagSnapshot>> latest,
                                     LagHistory history, long refreshMillis) {
        LagWebServer server = new LagWebServer(host, port, latest, history, refreshMillis);
        server.app.start();
        return server;
    }

    public URI baseUri() {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        return URI.create("http://" + shown + ":" + app.port());
    }

    private void api(Context ctx) throws IOException {
        Optional<LagSnapshot> snapshot = latest.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("refreshMillis", refreshMillis);
        String group = ctx.queryParam("group");
        Map<String, List<LagHistory.Point>> series = history.snapshot();
        if (snapshot.isEmpty()) {
            body.put("takenAt", null);
            body.put("groups", List.of());
        } else {
            Map<String, Object> snap = LagJson.snapshot(snapshot.get());
            if (group != null) {
                if (snapshot.get().group(group).isEmpty()) {
                    error(ctx, 404, "unknown-group", "Group '" + group + "' is not watched; watched: "
                            + snapshot.get().groups().stream().map(g -> g.group()).collect(Collectors.joining(", ")));
                    return;
                }
                snap.put("groups", List.of(LagJson.group(snapshot.get().group(group).get())));
                series = series.containsKey(group) ? Map.of(group, series.get(group)) : Map.of();
            }
            body.putAll(snap);
        }
        body.put("history", LagJson.history(series));
        ctx.contentType("application/json").header("Cache-Control", "no-store").result(json.writeValueAsString(body));
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("asset");
        String type = ASSETS.get(name);
        if (type == null) {
            error(ctx, 404, "not-found", "No such asset: " + name);
            return;
        }
        asset(ctx, name, type);
    }

    private static void asset(Context ctx, String name, String type) {
        InputStream in = LagWebServer.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("resource " + RESOURCES + name + " missing from the jar"));
        }
        ctx.contentType(type).result(in);
    }

    private void error(Context ctx, int status, String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsString(body));
        } catch (IOException e) {
            ctx.status(status).result(code);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
