package dev.clipstream.fleet.upload;

import dev.clipstream.fleet.clip.Mp4Clip;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;

/** The bytes of one clip, streamed afresh for every attempt and never held whole in memory. */
public interface ClipBody {

    long size();

    /** A publisher with a known length, so the request carries Content-Length (ingest refuses chunked bodies). */
    HttpRequest.BodyPublisher publisher();

    static ClipBody of(Mp4Clip clip) {
        return new ClipBody() {
            @Override
            public long size() {
                return clip.size();
            }

            @Override
            public HttpRequest.BodyPublisher publisher() {
                return HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(clip::open), clip.size());
            }
        };
    }

    static ClipBody of(Path file, long size) {
        return new ClipBody() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public HttpRequest.BodyPublisher publisher() {
                try {
                    return HttpRequest.BodyPublishers.ofFile(file);
                } catch (FileNotFoundException e) {
                    throw new UncheckedIOException("The clip file disappeared: " + file, e);
                }
            }
        };
    }
}
