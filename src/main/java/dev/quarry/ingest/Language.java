package dev.quarry.ingest;

import java.util.Locale;

/** Languages Quarry recognises by file name; {@link #TEXT} covers everything chunked by line windows. */
public enum Language {
    JAVA("java"),
    PYTHON("py", "pyi"),
    GO("go"),
    RUST("rs"),
    JAVASCRIPT("js", "mjs", "cjs", "jsx"),
    TYPESCRIPT("ts", "mts", "cts"),
    TEXT();

    private final String[] extensions;

    Language(String... extensions) {
        this.extensions = extensions;
    }

    public static Language forPath(String path) {
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < path.lastIndexOf('/')) {
            return TEXT;
        }
        String ext = path.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            for (String candidate : language.extensions) {
                if (candidate.equals(ext)) {
                    return language;
                }
            }
        }
        return TEXT;
    }

    /** Lower-case name used in queries, JSON and the index ("java", "python", ...). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Language fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
