package dev.quarry.ingest.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quarry.ingest.ChunkIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceReaderTest {
    @TempDir
    Path dir;

    private final SourceReader reader = SourceReader.create(1024);

    private WalkEntry file(String name, byte[] content) throws IOException {
        Path file = Files.write(dir.resolve(name), content);
        return new WalkEntry(file, name, content.length);
    }

    private WalkEntry file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static ReadResult.Skipped skipped(ReadResult result, SkipReason reason) {
        ReadResult.Skipped skipped = assertInstanceOf(ReadResult.Skipped.class, result);
        assertEquals(reason, skipped.reason(), skipped.detail());
        return skipped;
    }

    @Test
    void readsUtf8TextWithHashOfTheBytes() throws IOException {
        String source = "class Grüße { String s = \"→ ok\"; }\n";
        WalkEntry entry = file("Greet.java", source);
        ReadResult.Text text = assertInstanceOf(ReadResult.Text.class, reader.read(entry));
        assertEquals(source, text.text());
        assertEquals(ChunkIds.sha256(source.getBytes(StandardCharsets.UTF_8)), text.sha256());
        assertEquals(entry, text.entry());
    }

    @Test
    void emptyFileIsEmptyText() throws IOException {
        assertEquals("", assertInstanceOf(ReadResult.Text.class, reader.read(file("empty.txt", ""))).text());
    }

    @Test
    void nulByteMeansBinaryWhateverTheExtension() throws IOException {
        ReadResult.Skipped skipped = skipped(reader.read(file("Main.java", "class Main {}\0")), SkipReason.BINARY);
        assertEquals("NUL byte at offset 13", skipped.detail());
    }

    @Test
    void textNamedLikeBinaryIsText() throws IOException {
        ReadResult.Text text = assertInstanceOf(ReadResult.Text.class, reader.read(file("data.bin", "plain words\n")));
        assertEquals("plain words\n", text.text());
    }

    @Test
    void onlyTheFirst8KibAreSniffedForNul() throws IOException {
        byte[] content = new byte[8 * 1024 + 1];
        Arrays.fill(content, (byte) 'a');
        content[8 * 1024] = 0;
        ReadResult.Text text = assertInstanceOf(ReadResult.Text.class,
                SourceReader.create(64 * 1024).read(file("late-nul.txt", content)));
        assertEquals(0, text.text().charAt(8 * 1024));
    }

    @Test
    void invalidUtf8IsReportedWithItsOffset() throws IOException {
        byte[] latin1 = "café = 1\n".getBytes(StandardCharsets.ISO_8859_1);
        ReadResult.Skipped skipped = skipped(reader.read(file("latin1.py", latin1)), SkipReason.INVALID_UTF8);
        assertEquals("invalid UTF-8 at byte offset 3", skipped.detail());
        byte[] truncated = {'a', (byte) 0xE2, (byte) 0x82};
        skipped(reader.read(file("truncated.txt", truncated)), SkipReason.INVALID_UTF8);
    }

    @Test
    void byteOrderMarkIsStrippedButHashed() throws IOException {
        byte[] content = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i'};
        ReadResult.Text text = assertInstanceOf(ReadResult.Text.class, reader.read(file("bom.txt", content)));
        assertEquals("hi", text.text());
        assertEquals(ChunkIds.sha256(content), text.sha256());
    }

    @Test
    void fileLargerThanTheLimitIsTooLarge() throws IOException {
        WalkEntry walkedSmall = new WalkEntry(file("grown.txt", "x".repeat(1025)).file(), "grown.txt", 10);
        skipped(reader.read(walkedSmall), SkipReason.TOO_LARGE);
        assertInstanceOf(ReadResult.Text.class, reader.read(file("limit.txt", "x".repeat(1024))));
    }

    /**
     * Proc files report size 0 yet have content, like a file that grew between the size check
     * and the read, so this exercises reading past the expected size and the check made after.
     */
    @Test
    void sizeIsCheckedAgainAfterReading() throws IOException {
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isRegularFile(status) && Files.size(status) == 0, "needs Linux procfs");
        WalkEntry entry = new WalkEntry(status, "status", 0);
        ReadResult.Skipped skipped = skipped(SourceReader.create(16).read(entry), SkipReason.TOO_LARGE);
        assertEquals("grew past the limit of 16 bytes after it was walked", skipped.detail());
        ReadResult.Text text = assertInstanceOf(ReadResult.Text.class, SourceReader.create(1 << 20).read(entry));
        assertTrue(text.text().startsWith("Name:") && text.text().contains("\nPid:"), text.text());
    }

    @Test
    void missingFileIsUnreadableNotAnException() {
        WalkEntry gone = new WalkEntry(dir.resolve("gone.txt"), "gone.txt", 3);
        skipped(reader.read(gone), SkipReason.UNREADABLE);
    }

    @Test
    void directoryAndFifoAreUnreadableWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo failed");
        skipped(reader.read(new WalkEntry(fifo, "pipe", 0)), SkipReason.UNREADABLE);
        skipped(reader.read(new WalkEntry(dir, ".", 0)), SkipReason.UNREADABLE);
    }

    @Test
    void limitMustBeUsable() {
        assertThrows(IllegalArgumentException.class, () -> SourceReader.create(0));
        assertThrows(IllegalArgumentException.class, () -> SourceReader.create(Long.MAX_VALUE));
    }
}
