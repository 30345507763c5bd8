package dev.quarry.ingest.chunk;

/** Reduces a written type ("*List[T]", "&'a mut fmt::Formatter<'_>") to its bare name ("List", "Formatter"). */
final class TypeNames {
    private TypeNames() {}

    static String simple(String written) {
        String name = written;
        int generic = indexOfAny(name, "<[");
        if (generic >= 0) {
            name = name.substring(0, generic);
        }
        int path = name.lastIndexOf("::");
        if (path >= 0) {
            name = name.substring(path + 2);
        }
        name = name.strip();
        // What is left is e.g. "&'a mut Foo", "dyn Foo", "*Foo": the name is the last word, minus sigils.
        name = name.substring(lastWhitespace(name) + 1);
        int start = 0;
        while (start < name.length() && "&*(".indexOf(name.charAt(start)) >= 0) {
            start++;
        }
        name = name.substring(start);
        return name.isEmpty() ? written.strip() : name;
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int lastWhitespace(String text) {
        for (int i = text.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
