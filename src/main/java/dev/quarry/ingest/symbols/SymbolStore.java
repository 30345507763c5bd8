package dev.quarry.ingest.symbols;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Snapshot of a collection of {@link FileSymbols}, each with the content hash it was extracted from:
 * compact binary, versioned and checksummed, so a restarted daemon rebuilds its graph without
 * re-parsing sources and can tell, file by file, whether the symbols still match what Lucene holds.
 *
 * <pre>
 * "quarry-symbols-2\n" | body length (8 bytes) | body | CRC32C of body (4 bytes)
 * body: varint file count, then per file its path, source hash, package and four record lists
 * </pre>
 * Strings are written once and then referred to by number, which keeps repeated names, kinds and
 * paths small on disk and shared in memory after loading. The checksum is verified before anything
 * is decoded, so corruption is reported as such rather than as odd data. Version 1 (no source hashes)
 * was never written by a released index, so it is not read.
 */
public final class SymbolStore {
    static final String HEADER = "quarry-symbols-2\n";
    private static final byte[] HEADER_BYTES = HEADER.getBytes(StandardCharsets.US_ASCII);

    /**
     * One file's symbols as stored.
     *
     * @param source SHA-256 of the file content the symbols were extracted from
     */
    public record Entry(FileSymbols symbols, String source) {
        public Entry {
            Objects.requireNonNull(symbols, "symbols");
            Objects.requireNonNull(source, "source");
        }
    }

    private SymbolStore() {}

    public static void write(Collection<Entry> entries, OutputStream out) throws IOException {
        Encoder body = new Encoder();
        body.varint(entries.size());
        for (Entry entry : entries) {
            body.entry(entry);
        }
        byte[] bytes = body.bytes();
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        out.write(HEADER_BYTES);
        out.write(ByteBuffer.allocate(8).putLong(bytes.length).array());
        out.write(bytes);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.flush();
    }

    /** Reads a snapshot; throws IOException naming the problem when it is not one or is damaged. */
    public static List<Entry> read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        if (all.length < HEADER_BYTES.length
                || !Arrays.equals(all, 0, HEADER_BYTES.length, HEADER_BYTES, 0, HEADER_BYTES.length)) {
            String start = new String(all, 0, Math.min(all.length, HEADER_BYTES.length), StandardCharsets.US_ASCII);
            throw new IOException("not a symbol snapshot of version " + HEADER.strip() + " (starts with \""
                    + start.strip() + "\")");
        }
        ByteBuffer buffer = ByteBuffer.wrap(all, HEADER_BYTES.length, all.length - HEADER_BYTES.length);
        if (buffer.remaining() < 12) {
            throw new IOException("symbol snapshot truncated: " + all.length + " bytes");
        }
        long length = buffer.getLong();
        if (length != buffer.remaining() - 4L) {
            throw new IOException("symbol snapshot truncated or padded: body should be " + length + " bytes, "
                    + (buffer.remaining() - 4) + " present");
        }
        int bodyStart = buffer.position();
        CRC32C crc = new CRC32C();
        crc.update(all, bodyStart, (int) length);
        int stored = ByteBuffer.wrap(all, bodyStart + (int) length, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new IOException("symbol snapshot corrupt: checksum mismatch");
        }
        try {
            Decoder decoder = new Decoder(ByteBuffer.wrap(all, bodyStart, (int) length));
            int count = decoder.count();
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(decoder.entry());
            }
            if (decoder.in.hasRemaining()) {
                throw new IOException("symbol snapshot corrupt: " + decoder.in.remaining() + " unread bytes");
            }
            return entries;
        } catch (RuntimeException e) {
            throw new IOException("symbol snapshot corrupt: " + e.getMessage(), e);
        }
    }

    private static final class Encoder {
        private byte[] out = new byte[1 << 16];
        private int size;
        private final Map<String, Integer> strings = new HashMap<>();

        void entry(Entry entry) {
            FileSymbols file = entry.symbols();
            string(file.path());
            string(entry.source());
            string(file.packageName());
            varint(file.definitions().size());
            for (Definition d : file.definitions()) {
                string(d.name());
                string(d.qualifiedName());
                string(d.kind());
                string(d.container());
                varint(d.startLine());
                varint(d.endLine());
            }
            varint(file.calls().size());
            for (CallSite c : file.calls()) {
                string(c.callee());
                string(c.qualifier());
                string(c.callerQualifiedName());
                varint(c.line());
            }
            varint(file.imports().size());
            for (Import i : file.imports()) {
                string(i.imported());
                string(i.alias());
                varint(i.line());
            }
            varint(file.inheritance().size());
            for (Inheritance h : file.inheritance()) {
                string(h.child());
                string(h.parent());
                string(h.relation());
                varint(h.line());
            }
        }

        /** 0 = null, 1 = new string (length + UTF-8 follow), n ≥ 2 = string number n - 2. */
        void string(String value) {
            if (value == null) {
                varint(0);
                return;
            }
            Integer known = strings.get(value);
            if (known != null) {
                varint(known + 2);
                return;
            }
            strings.put(value, strings.size());
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            varint(1);
            varint(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, out, size, utf8.length);
            size += utf8.length;
        }

        void varint(int value) {
            ensure(5);
            int v = value;
            while ((v & ~0x7F) != 0) {
                out[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out[size++] = (byte) v;
        }

        byte[] bytes() {
            return Arrays.copyOf(out, size);
        }

        private void ensure(int more) {
            if (size + more > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
            }
        }
    }

    private static final class Decoder {
        private final ByteBuffer in;
        private final List<String> strings = new ArrayList<>();

        Decoder(ByteBuffer in) {
            this.in = in;
        }

        Entry entry() {
            String path = string();
            if (path == null) {
                throw new IllegalStateException("file without a path");
            }
            String source = string();
            String packageName = string();
            int definitionCount = count();
            List<Definition> definitions = new ArrayList<>(definitionCount);
            for (int i = 0; i < definitionCount; i++) {
                definitions.add(new Definition(string(), string(), string(), string(), path, varint(), varint()));
            }
            int callCount = count();
            List<CallSite> calls = new ArrayList<>(callCount);
            for (int i = 0; i < callCount; i++) {
                calls.add(new CallSite(string(), string(), string(), path, varint()));
            }
            int importCount = count();
            List<Import> imports = new ArrayList<>(importCount);
            for (int i = 0; i < importCount; i++) {
                imports.add(new Import(string(), string(), path, varint()));
            }
            int inheritanceCount = count();
            List<Inheritance> inheritance = new ArrayList<>(inheritanceCount);
            for (int i = 0; i < inheritanceCount; i++) {
                inheritance.add(new Inheritance(string(), string(), string(), path, varint()));
            }
            return new Entry(new FileSymbols(path, packageName, definitions, calls, imports, inheritance), source);
        }

        /** A record count; more than the remaining bytes could hold means damage, not a huge file. */
        int count() {
            int count = varint();
            if (count < 0 || count > in.remaining()) {
                throw new IllegalStateException("count " + count + " exceeds the " + in.remaining() + " bytes left");
            }
            return count;
        }

        String string() {
            int code = varint();
            if (code == 0) {
                return null;
            }
            if (code == 1) {
                int length = count();
                String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
                in.position(in.position() + length);
                strings.add(value);
                return value;
            }
            int index = code - 2;
            if (index < 0 || index >= strings.size()) {
                throw new IllegalStateException("string reference " + index + " of " + strings.size());
            }
            return strings.get(index);
        }

        int varint() {
            int value = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                byte b = in.get();
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalStateException("varint longer than 5 bytes");
        }
    }
}
