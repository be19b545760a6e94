package dev.clipstream.ingest.blob;

/** The uploaded bytes do not hash to the digest the uploader declared. */
public class DigestMismatchException extends RuntimeException {

    private final String expected;
    private final String actual;

    public DigestMismatchException(String expected, String actual) {
        super("The body's SHA-256 is " + actual + ", but Clip-Sha256 declared " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
