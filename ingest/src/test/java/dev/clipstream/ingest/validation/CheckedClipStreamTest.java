package dev.clipstream.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.ingest.testing.TestClips;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CheckedClipStreamTest {

    @Test
    void recognisesMp4AndMatroskaSignatures() {
        byte[] mp4 = TestClips.mp4(10, 1);
        byte[] webm = TestClips.webm(20, 1);
        assertThat(VideoContainer.sniff(mp4, mp4.length)).contains(VideoContainer.ISO_BMFF);
        assertThat(VideoContainer.sniff(webm, webm.length)).contains(VideoContainer.MATROSKA);
        byte[] text = "hello, this is text".getBytes(StandardCharsets.US_ASCII);
        assertThat(VideoContainer.sniff(text, text.length)).isEmpty();
        // 'ftyp' at the right place but an impossible box size.
        byte[] tinyBox = {0, 0, 0, 4, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
        assertThat(VideoContainer.sniff(tinyBox, tinyBox.length)).isEmpty();
        assertThat(VideoContainer.sniff(mp4, 8)).as("too short to see the brand").isEmpty();
    }

    @Test
    void mapsContentTypesIgnoringParametersAndCase() {
        assertThat(VideoContainer.forContentType("video/mp4")).contains(VideoContainer.ISO_BMFF);
        assertThat(VideoContainer.forContentType("Video/QuickTime; charset=x")).contains(VideoContainer.ISO_BMFF);
        assertThat(VideoContainer.forContentType("video/webm")).contains(VideoContainer.MATROSKA);
        assertThat(VideoContainer.forContentType("video/x-matroska")).contains(VideoContainer.MATROSKA);
        assertThat(VideoContainer.forContentType("application/octet-stream")).isEmpty();
        assertThat(VideoContainer.forContentType(null)).isEmpty();
    }

    @Test
    void passesAValidClipThroughByteForByteEvenInOneByteReads() throws IOException {
        byte[] mp4 = TestClips.mp4(1000, 2);
        CheckedClipStream stream = new CheckedClipStream(new ByteArrayInputStream(mp4), 10_000, VideoContainer.ISO_BMFF);
        java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = stream.read()) != -1) {
            copy.write(b);
        }
        assertThat(copy.toByteArray()).isEqualTo(mp4);
        assertThat(stream.count()).isEqualTo(mp4.length);
    }

    @Test
    void refusesOtherContentAndTheWrongContainer() {
        assertThatThrownBy(() -> drain(new CheckedClipStream(new ByteArrayInputStream("GIF89a is an image".getBytes()),
                1000, VideoContainer.ISO_BMFF)))
                .isInstanceOfSatisfying(ClipBodyException.class,
                        e -> assertThat(e.kind()).isEqualTo(ClipBodyException.Kind.NOT_A_VIDEO_CONTAINER));
        assertThatThrownBy(() -> drain(new CheckedClipStream(new ByteArrayInputStream(TestClips.webm(100, 3)),
                1000, VideoContainer.ISO_BMFF)))
                .hasMessageContaining("EBML").hasMessageContaining("declared");
        assertThatThrownBy(() -> drain(new CheckedClipStream(new ByteArrayInputStream(new byte[3]), 1000,
                VideoContainer.MATROSKA))).as("shorter than a signature").isInstanceOf(ClipBodyException.class);
    }

    @Test
    void refusesMoreBytesThanTheMaximum() {
        byte[] mp4 = TestClips.mp4(2000, 4);
        assertThatThrownBy(() -> drain(new CheckedClipStream(new ByteArrayInputStream(mp4), mp4.length - 1,
                VideoContainer.ISO_BMFF)))
                .isInstanceOfSatisfying(ClipBodyException.class,
                        e -> assertThat(e.kind()).isEqualTo(ClipBodyException.Kind.TOO_LARGE));
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[7];
        while (in.read(buffer) != -1) {
            // keep reading
        }
    }
}
