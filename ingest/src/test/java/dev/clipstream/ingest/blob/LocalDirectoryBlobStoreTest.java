package dev.clipstream.ingest.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryBlobStoreTest {

    @TempDir
    Path root;

    @Test
    void storesBytesUnderTheirDigestAndResolvesTheUri() throws IOException {
        LocalDirectoryBlobStore store = LocalDirectoryBlobStore.open(root);
        byte[] bytes = random(200_000, 1);
        String sha = Sha256.hexOf(bytes);

        StoredBlob blob = store.put(new ByteArrayInputStream(bytes), sha);

        assertThat(blob.sizeBytes()).isEqualTo(bytes.length);
        assertThat(blob.alreadyPresent()).isFalse();
        assertThat(blob.uri()).isEqualTo(URI.create("blob://clips/sha256/" + sha.substring(0, 2) + "/" + sha));
        assertThat(store.resolve(blob.uri())).isEqualTo(root.resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha));
        assertThat(Files.readAllBytes(store.resolve(blob.uri()))).isEqualTo(bytes);
        assertThat(store.exists(sha)).isTrue();
        try (InputStream in = store.open(sha).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(tempFiles(store)).isEmpty();
    }

    @Test
    void theSameContentTwiceIsStoredOnce() throws IOException {
        LocalDirectoryBlobStore store = LocalDirectoryBlobStore.open(root);
        byte[] bytes = random(1000, 2);
        String sha = Sha256.hexOf(bytes);
        store.put(new ByteArrayInputStream(bytes), sha);
        assertThat(store.put(new ByteArrayInputStream(bytes), sha).alreadyPresent()).isTrue();
        try (Stream<Path> files = Files.walk(root.resolve("sha256"))) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(1);
        }
        assertThat(tempFiles(store)).isEmpty();
    }

    @Test
    void aDigestMismatchLeavesNoBlobAndNoTempFile() throws IOException {
        LocalDirectoryBlobStore store = LocalDirectoryBlobStore.open(root);
        byte[] bytes = random(100_000, 3);
        String wrong = Sha256.hexOf("other");

        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(bytes), wrong))
                .isInstanceOf(DigestMismatchException.class).hasMessageContaining(Sha256.hexOf(bytes));
        assertThat(store.exists(wrong)).isFalse();
        assertThat(store.exists(Sha256.hexOf(bytes))).isFalse();
        assertThat(tempFiles(store)).isEmpty();
    }

    @Test
    void aStreamThatFailsHalfwayLeavesNothingAndItsExceptionPropagates() throws IOException {
        LocalDirectoryBlobStore store = LocalDirectoryBlobStore.open(root);
        byte[] bytes = random(300_000, 4);
        InputStream failing = new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position == 150_000) {
                    throw new IOException("connection reset");
                }
                return bytes[position++] & 0xFF;
            }
        };
        assertThatThrownBy(() -> store.put(failing, Sha256.hexOf(bytes))).hasMessage("connection reset");
        assertThat(tempFiles(store)).isEmpty();
        assertThat(store.exists(Sha256.hexOf(bytes))).isFalse();
    }

    @Test
    void openingRemovesOnlyStaleTempFiles() throws IOException {
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        Path stale = Files.write(tmp.resolve("upload-old.part"), new byte[10]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(LocalDirectoryBlobStore.STALE_AFTER).minusSeconds(60)));
        Path fresh = Files.write(tmp.resolve("upload-new.part"), new byte[10]);

        LocalDirectoryBlobStore.open(root);

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void refusesABadDigestArgumentAndForeignUris() throws IOException {
        LocalDirectoryBlobStore store = LocalDirectoryBlobStore.open(root);
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(new byte[1]), "../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.resolve(URI.create("file:///etc/passwd"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.exists("../x")).isFalse();
        store.checkWritable();
        assertThat(tempFiles(store)).isEmpty();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static java.util.List<Path> tempFiles(LocalDirectoryBlobStore store) throws IOException {
        try (Stream<Path> files = Files.list(store.tempDir())) {
            return files.toList();
        }
    }
}
