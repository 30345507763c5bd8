package dev.quarry.index.vector;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The table of contents of a vector snapshot, written last so that its presence means the other
 * files are complete. Plain text, one {@code key=value} per line, ending with a CRC32C of every
 * byte before that line:
 * <pre>
 * format=quarry-vectors-1
 * dims=384
 * ordinals=1200
 * live=1100
 * file=vectors.f32 1843200 89abcdef
 * file=ids.bin 37400 01234567
 * file=graph.bin 302112 fedcba98
 * crc32c=0a1b2c3d
 * </pre>
 * {@code ordinals} counts every vector in the files, {@code live} those with a chunk id; each
 * {@code file} line gives the name, byte size and CRC32C (hex) of one file.
 *
 * @param files in the order they were written
 */
record Manifest(int dims, int ordinals, int live, List<FileEntry> files) {

    static final String FILE_NAME = "manifest";
    static final String FORMAT = "quarry-vectors-1";

    private static final String CRC_KEY = "crc32c=";

    record FileEntry(String name, long bytes, int crc32c) {}

    Manifest {
        files = List.copyOf(files);
    }

    FileEntry file(String name, Path dir) throws CorruptVectorsException {
        return files.stream().filter(file -> file.name().equals(name)).findFirst()
                .orElseThrow(() -> new CorruptVectorsException(dir, "manifest lists no " + name));
    }

    byte[] encode() {
        StringBuilder text = new StringBuilder()
                .append("format=").append(FORMAT).append('\n')
                .append("dims=").append(dims).append('\n')
                .append("ordinals=").append(ordinals).append('\n')
                .append("live=").append(live).append('\n');
        for (FileEntry file : files) {
            text.append("file=").append(file.name()).append(' ').append(file.bytes()).append(' ')
                    .append(hex(file.crc32c())).append('\n');
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        String crcLine = CRC_KEY + hex(crc(body, body.length)) + '\n';
        byte[] bytes = new byte[body.length + crcLine.length()];
        System.arraycopy(body, 0, bytes, 0, body.length);
        System.arraycopy(crcLine.getBytes(StandardCharsets.US_ASCII), 0, bytes, body.length, crcLine.length());
        return bytes;
    }

    /** @throws CorruptVectorsException on an unknown format, a checksum mismatch or a malformed line */
    static Manifest decode(byte[] bytes, Path dir) throws CorruptVectorsException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String formatLine = text.lines().findFirst().orElse("");
        if (!formatLine.startsWith("format=")) {
            throw new CorruptVectorsException(dir, "manifest does not start with a format line");
        }
        if (!formatLine.equals("format=" + FORMAT)) {
            throw new CorruptVectorsException(dir, "unsupported format '" + formatLine.substring("format=".length())
                    + "' (this build reads " + FORMAT + ")");
        }
        if (bytes[bytes.length - 1] != '\n') {
            throw new CorruptVectorsException(dir, "manifest is truncated (no final newline)");
        }
        int crcLine = bytes.length - 1;
        while (crcLine > 0 && bytes[crcLine - 1] != '\n') {
            crcLine--;
        }
        // Compared as text, so a byte flipped to another spelling of the same number still fails.
        String expected = CRC_KEY + hex(crc(bytes, crcLine)) + '\n';
        String actual = new String(bytes, crcLine, bytes.length - crcLine, StandardCharsets.UTF_8);
        if (!actual.equals(expected)) {
            throw new CorruptVectorsException(dir, "manifest checksum mismatch");
        }
        return parse(new String(bytes, 0, crcLine, StandardCharsets.UTF_8), dir);
    }

    private static Manifest parse(String body, Path dir) throws CorruptVectorsException {
        Map<String, Integer> numbers = new HashMap<>();
        List<FileEntry> files = new ArrayList<>();
        try {
            for (String line : body.split("\n")) {
                int eq = line.indexOf('=');
                String key = eq < 0 ? line : line.substring(0, eq);
                String value = line.substring(eq + 1);
                switch (key) {
                    case "format" -> { }
                    case "dims", "ordinals", "live" -> {
                        int number = Integer.parseInt(value);
                        if (number < 0 || numbers.putIfAbsent(key, number) != null) {
                            throw new CorruptVectorsException(dir, "bad manifest line '" + line + "'");
                        }
                    }
                    case "file" -> {
                        String[] parts = value.split(" ");
                        if (parts.length != 3) {
                            throw new CorruptVectorsException(dir, "bad manifest line '" + line + "'");
                        }
                        files.add(new FileEntry(parts[0], Long.parseLong(parts[1]), HexFormat.fromHexDigits(parts[2])));
                    }
                    default -> throw new CorruptVectorsException(dir, "unexpected manifest line '" + line + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CorruptVectorsException(dir, "malformed number in manifest", e);
        }
        return new Manifest(number(numbers, "dims", dir), number(numbers, "ordinals", dir),
                number(numbers, "live", dir), files);
    }

    private static int number(Map<String, Integer> numbers, String key, Path dir) throws CorruptVectorsException {
        Integer number = numbers.get(key);
        if (number == null) {
            throw new CorruptVectorsException(dir, "manifest has no '" + key + "'");
        }
        return number;
    }

    private static String hex(int value) {
        return HexFormat.of().toHexDigits(value);
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
