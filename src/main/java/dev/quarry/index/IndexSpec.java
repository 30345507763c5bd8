package dev.quarry.index;

import java.util.regex.Pattern;

/** What the registry knows about an index: its id, the absolute root it covers and its options. */
public record IndexSpec(String id, String root, IndexOptions options) {

    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public IndexSpec {
        if (id == null || !VALID_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "index id must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit: " + id);
        }
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("index root must be an absolute path");
        }
        options = options == null ? IndexOptions.defaults() : options;
    }

    /** Derives a valid id from a directory name ("My Repo" → "My-Repo"). */
    public static String idFor(java.nio.file.Path root) {
        java.nio.file.Path name = root.getFileName();
        String base = name == null ? "root" : name.toString().replaceAll("[^A-Za-z0-9._-]", "-");
        base = base.replaceAll("^[._-]+", "");
        if (base.isEmpty()) {
            base = "index";
        }
        return base.length() > 64 ? base.substring(0, 64) : base;
    }
}
