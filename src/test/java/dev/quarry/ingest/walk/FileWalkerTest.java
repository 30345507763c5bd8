package dev.quarry.ingest.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWalkerTest {
    @TempDir
    Path tmp;

    private Path root;

    @BeforeEach
    void createRoot() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
    }

    private void write(String relativePath, String content) throws IOException {
        Path file = root.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void touch(String... relativePaths) throws IOException {
        for (String relativePath : relativePaths) {
            write(relativePath, "x");
        }
    }

    private static List<String> paths(FileWalker walker) {
        List<String> paths = new ArrayList<>();
        walker.forEach(entry -> paths.add(entry.relativePath()));
        return paths;
    }

    private List<String> walk() {
        return paths(FileWalker.create(root, WalkOptions.defaults()));
    }

    private static WalkOptions following() {
        return new WalkOptions(WalkOptions.defaults().maxFileBytes(), true, List.of());
    }

    @Test
    void walksDepthFirstInNameOrderWhateverTheCreationOrder() throws IOException {
        touch("b/z.txt", "a.txt", "b/a/deep.txt", "B.txt", "c.txt", "b/m.txt");
        List<String> expected = List.of("B.txt", "a.txt", "b/a/deep.txt", "b/m.txt", "b/z.txt", "c.txt");
        assertEquals(expected, walk());
        assertEquals(expected, walk(), "a second walk gives the same order");
    }

    @Test
    void entriesCarryAbsolutePathAndSize() throws IOException {
        write("dir/file.txt", "12345");
        WalkEntry entry = FileWalker.create(root, WalkOptions.defaults()).iterator().next();
        assertEquals(new WalkEntry(root.toAbsolutePath().resolve("dir/file.txt"), "dir/file.txt", 5), entry);
    }

    @Test
    void iteratorIsLazyAndEndsCleanly() throws IOException {
        touch("a.txt");
        Iterator<WalkEntry> it = FileWalker.create(root, WalkOptions.defaults()).iterator();
        assertTrue(it.hasNext());
        assertTrue(it.hasNext(), "hasNext does not consume");
        assertEquals("a.txt", it.next().relativePath());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void deeperGitignoreOverridesShallowerOne() throws IOException {
        write(".gitignore", "*.log\n");
        write("sub/.gitignore", "!keep.log\n/gen\n");
        touch("a.log", "sub/keep.log", "sub/other.log", "sub/gen", "sub/x/gen", "sub/x/keep.log");
        assertEquals(List.of(".gitignore", "sub/.gitignore", "sub/keep.log", "sub/x/gen", "sub/x/keep.log"), walk());
    }

    @Test
    void siblingGitignoreDoesNotLeak() throws IOException {
        write("a/.gitignore", "*.txt\n");
        touch("a/x.txt", "b/x.txt");
        assertEquals(List.of("a/.gitignore", "b/x.txt"), walk());
    }

    @Test
    void fileInsideExcludedDirectoryCannotBeReincluded() throws IOException {
        write(".gitignore", "logs/\n!logs/important.txt\nlogs2/*\n!logs2/important.txt\n");
        touch("logs/important.txt", "logs2/important.txt", "logs2/noise.txt");
        FileWalker walker = FileWalker.create(root, WalkOptions.defaults());
        assertEquals(List.of(".gitignore", "logs2/important.txt"), paths(walker));
        assertEquals(2, walker.stats().ignored(), "the logs directory and logs2/noise.txt");
    }

    @Test
    void excludedDirectoryIsCountedOnceAndNotListed() throws IOException {
        write(".gitignore", "out/\n");
        touch("out/a", "out/b", "out/deep/c", "src/out", "src/main.c");
        FileWalker walker = FileWalker.create(root, WalkOptions.defaults());
        assertEquals(List.of(".gitignore", "src/main.c", "src/out"), paths(walker),
                "a directory-only pattern keeps a file with the same name");
        assertEquals(1, walker.stats().ignored());
    }

    @Test
    void doubleStarPatternsInIgnoreFiles() throws IOException {
        write(".gitignore", "**/generated/**\nsrc/**/*.tmp\n");
        touch("generated/a.java", "x/generated/b.java", "x/generated.java",
                "src/a.tmp", "src/p/q/b.tmp", "other/c.tmp");
        assertEquals(List.of(".gitignore", "other/c.tmp", "x/generated.java"), walk());
    }

    @Test
    void escapedPatternsInIgnoreFiles() throws IOException {
        write(".gitignore", "\\#notes\n\\!bang\nspace\\ \n");
        touch("#notes", "!bang", "space ", "space", "bang");
        assertEquals(List.of(".gitignore", "bang", "space"), walk());
    }

    @Test
    void gitInfoExcludeAppliesAndGitDirectoryIsSkipped() throws IOException {
        write(".git/info/exclude", "secret.txt\n");
        write(".gitignore", "!public.txt\n");
        touch("secret.txt", "sub/secret.txt", "public.txt");
        FileWalker walker = FileWalker.create(root, WalkOptions.defaults());
        assertEquals(List.of(".gitignore", "public.txt"), paths(walker));
        assertEquals(new WalkStats(2, 2, 0, 1, 0, 0), walker.stats());
    }

    @Test
    void gitignoreOutranksInfoExclude() throws IOException {
        write(".git/info/exclude", "*.txt\n");
        write(".gitignore", "!keep.txt\n");
        touch("keep.txt", "drop.txt");
        assertEquals(List.of(".gitignore", "keep.txt"), walk());
    }

    @Test
    void quarryignoreNestsAndOutranksGitignoreInTheSameDirectory() throws IOException {
        write(".gitignore", "*.gen\n");
        write(".quarryignore", "!keep.gen\nfixtures/\n");
        write("sub/.quarryignore", "*.snap\n");
        touch("a.gen", "keep.gen", "fixtures/big.json", "sub/x.snap", "sub/x.java", "y.snap");
        assertEquals(List.of(".gitignore", ".quarryignore", "keep.gen",
                "sub/.quarryignore", "sub/x.java", "y.snap"), walk());
    }

    @Test
    void optionExcludesOutrankIgnoreFiles() throws IOException {
        write(".gitignore", "!*.md\n");
        touch("README.md", "docs/guide.txt", "src/docs/keep.txt", "src/main.c");
        WalkOptions options = new WalkOptions(1024, false, List.of("*.md", "/docs/"));
        assertEquals(List.of(".gitignore", "src/docs/keep.txt", "src/main.c"),
                paths(FileWalker.create(root, options)));
    }

    @Test
    void alwaysSkippedDirectoriesAreCounted() throws IOException {
        List<String> skipped = List.of(".git", ".hg", ".svn", "node_modules", "target", "build", "dist",
                "vendor", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache", ".gradle",
                ".idea", ".next", "bower_components");
        for (String dir : skipped) {
            touch("src/" + dir + "/file.txt");
        }
        touch("src/build.gradle", "build", "src/main.c");
        write(".gitignore", "!node_modules/\n");
        FileWalker walker = FileWalker.create(root, WalkOptions.defaults());
        assertEquals(List.of(".gitignore", "build", "src/build.gradle", "src/main.c"), paths(walker),
                "a file named like a skipped directory stays; negation cannot re-include");
        assertEquals(skipped.size(), walker.stats().dirsSkipped());
    }

    @Test
    void worktreeGitPointerFileIsIgnored() throws IOException {
        write(".git", "gitdir: /elsewhere/.git/worktrees/x\n");
        touch("sub/.git", "main.c");
        FileWalker walker = FileWalker.create(root, WalkOptions.defaults());
        assertEquals(List.of("main.c"), paths(walker));
        assertEquals(new WalkStats(1, 2, 0, 0, 0, 0), walker.stats());
    }

    @Test
    void sensitiveFilesAreIgnoredEvenWhenReincluded() throws IOException {
        write(".gitignore", "!*\n");
        touch(".env", ".env.local", "id_rsa", "id_rsa.pub", "id_ed25519", "id_ecdsa_sk", "cert.pem",
                "SERVER.PEM", "tls.key", "a.p12", "a.pfx", "release.keystore", "trust.jks", ".netrc",
                ".npmrc", ".pypirc", "conf/credentials.json");
        touch("env.txt", "my.env", "keys.txt", "credentials.json.md", "monkey.java");
        FileWalker walker = FileWalker.create(root, WalkOptions.defaults());
        assertEquals(List.of(".gitignore", "credentials.json.md", "env.txt", "keys.txt", "monkey.java", "my.env"),
                paths(walker));
        assertEquals(17, walker.stats().ignored());
    }

    @Test
    void oversizedFilesAreCountedNotReturned() throws IOException {
        write("fits.txt", "0123456789");
        write("big.txt", "0123456789A");
        FileWalker walker = FileWalker.create(root, new WalkOptions(10, false, List.of()));
        assertEquals(List.of("fits.txt"), paths(walker));
        assertEquals(new WalkStats(1, 0, 1, 0, 0, 0), walker.stats());
    }

    @Test
    void symlinksAreNotFollowedByDefault() throws IOException {
        touch("real/file.txt");
        Files.createSymbolicLink(root.resolve("dirlink"), root.resolve("real"));
        Files.createSymbolicLink(root.resolve("filelink.txt"), root.resolve("real/file.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), root.resolve("nowhere"));
        FileWalker walker = FileWalker.create(root, WalkOptions.defaults());
        assertEquals(List.of("real/file.txt"), paths(walker));
        assertEquals(new WalkStats(1, 0, 0, 0, 3, 0), walker.stats());
    }

    @Test
    void followedSymlinksStayInsideTheRoot() throws IOException {
        touch("real/file.txt");
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("leak.txt"), "x");
        Files.createSymbolicLink(root.resolve("filelink.txt"), root.resolve("real/file.txt"));
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("escape.txt"), outside.resolve("leak.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), root.resolve("nowhere"));
        FileWalker walker = FileWalker.create(root, following());
        assertEquals(List.of("filelink.txt", "real/file.txt"), paths(walker));
        assertEquals(new WalkStats(2, 0, 0, 0, 3, 0), walker.stats());
    }

    @Test
    void followedSymlinkLoopsTerminateAndEachDirectoryIsWalkedOnce() throws IOException {
        touch("dir/file.txt", "z/other.txt");
        Files.createSymbolicLink(root.resolve("dir/self"), root.resolve("dir"));
        Files.createSymbolicLink(root.resolve("dir/up"), Path.of(".."));
        // "a" sorts before "z", so the sibling's files are reached through the link first.
        Files.createSymbolicLink(root.resolve("a"), root.resolve("z"));
        FileWalker walker = FileWalker.create(root, following());
        assertEquals(List.of("a/other.txt", "dir/file.txt"), paths(walker));
        assertEquals(new WalkStats(2, 0, 0, 0, 3, 0), walker.stats());
    }

    @Test
    void specialFilesAreCountedAsUnreadable() throws Exception {
        touch("a.txt");
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo failed");
        FileWalker walker = FileWalker.create(root, WalkOptions.defaults());
        assertEquals(List.of("a.txt"), paths(walker));
        assertEquals(1, walker.stats().unreadable());
    }

    @Test
    void entryVanishingMidWalkIsCountedNotFatal() throws IOException {
        touch("a.txt", "z/inner.txt");
        FileWalker walker = FileWalker.create(root, WalkOptions.defaults());
        Iterator<WalkEntry> it = walker.iterator();
        assertEquals("a.txt", it.next().relativePath());
        // The iterator is lazy: "z" has been listed by name but not yet examined.
        deleteTree(root.resolve("z"));
        assertFalse(it.hasNext());
        assertEquals(new WalkStats(1, 0, 0, 0, 0, 1), walker.stats());
    }

    /**
     * A chmod 000 directory. Under root, CAP_DAC_OVERRIDE lets the listing succeed anyway; then
     * this only shows such a directory does not disturb the walk, and
     * {@link #entryVanishingMidWalkIsCountedNotFatal} carries the failed-read path.
     */
    @Test
    void unlistableDirectoryIsCountedNotFatal() throws IOException {
        touch("locked/secret.txt", "open.txt");
        Path locked = root.resolve("locked");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            boolean permissionsEnforced = !Files.isReadable(locked);
            FileWalker walker = FileWalker.create(root, WalkOptions.defaults());
            List<String> paths = paths(walker);
            if (permissionsEnforced) {
                assertEquals(List.of("open.txt"), paths);
                assertEquals(1, walker.stats().unreadable());
            } else {
                assertEquals(List.of("locked/secret.txt", "open.txt"), paths);
                assertEquals(0, walker.stats().unreadable());
            }
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void unreadableIgnoreFileIsCountedAndWalkContinues() throws IOException {
        Files.createDirectories(root.resolve(".gitignore")); // a directory cannot be read as a file
        touch("a.txt");
        FileWalker walker = FileWalker.create(root, WalkOptions.defaults());
        assertEquals(List.of("a.txt"), paths(walker));
        assertEquals(new WalkStats(1, 0, 0, 0, 0, 1), walker.stats());
    }

    @Test
    void statsCoverEveryOutcome() throws IOException {
        write(".gitignore", "*.o\n");
        touch("main.c", "main.o", ".env", "node_modules/x.js");
        write("huge.txt", "x".repeat(100));
        Files.createSymbolicLink(root.resolve("link"), root.resolve("main.c"));
        FileWalker walker = FileWalker.create(root, new WalkOptions(50, false, List.of()));
        assertEquals(new WalkStats(0, 0, 0, 0, 0, 0), walker.stats());
        assertEquals(List.of(".gitignore", "main.c"), paths(walker));
        assertEquals(new WalkStats(2, 2, 1, 1, 1, 0), walker.stats());
    }

    @Test
    void rootMustBeADirectory() throws IOException {
        touch("file.txt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FileWalker.create(root.resolve("file.txt"), WalkOptions.defaults()));
        assertTrue(e.getMessage().contains("file.txt"), e.getMessage());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
