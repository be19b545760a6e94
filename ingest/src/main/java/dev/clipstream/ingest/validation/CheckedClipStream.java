package dev.clipstream.ingest.validation;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The upload body as the blob store reads it: counts bytes and fails with {@link ClipBodyException} once more than
 * {@code maxBytes} arrive, and checks the container signature in the first {@link VideoContainer#SNIFF_BYTES}
 * bytes against the declared container as soon as they have passed (or at the end of a shorter body).
 */
public final class CheckedClipStream extends FilterInputStream {

    private final long maxBytes;
    private final VideoContainer declared;
    private final byte[] head = new byte[VideoContainer.SNIFF_BYTES];
    private int headLength;
    private boolean sniffed;
    private long count;

    public CheckedClipStream(InputStream in, long maxBytes, VideoContainer declared) {
        super(in);
        this.maxBytes = maxBytes;
        this.declared = declared;
    }

    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n == -1) {
            checkSignature();
            return -1;
        }
        count += n;
        if (count > maxBytes) {
            throw new ClipBodyException(ClipBodyException.Kind.TOO_LARGE,
                    "The clip is larger than the maximum of " + maxBytes + " bytes");
        }
        if (!sniffed) {
            int copy = Math.min(n, head.length - headLength);
            System.arraycopy(buffer, offset, head, headLength, copy);
            headLength += copy;
            if (headLength == head.length) {
                checkSignature();
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("Skipping is not supported: every byte must be checked");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void checkSignature() throws ClipBodyException {
        if (sniffed) {
            return;
        }
        sniffed = true;
        VideoContainer found = VideoContainer.sniff(head, headLength).orElse(null);
        if (found == null) {
            throw new ClipBodyException(ClipBodyException.Kind.NOT_A_VIDEO_CONTAINER,
                    "The body is not a video container: it starts with neither an ISO-BMFF 'ftyp' box (MP4/MOV)"
                            + " nor the EBML header (Matroska/WebM)");
        }
        if (found != declared) {
            throw new ClipBodyException(ClipBodyException.Kind.NOT_A_VIDEO_CONTAINER,
                    "The body is " + describe(found) + " but Content-Type declared " + describe(declared));
        }
    }

    private static String describe(VideoContainer container) {
        return container == VideoContainer.ISO_BMFF ? "an ISO-BMFF container (MP4/MOV)"
                : "an EBML container (Matroska/WebM)";
    }
}
