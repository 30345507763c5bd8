package dev.quarry.ingest.symbols;

/** Comparisons of dotted names; every language's separators are mapped to '.' first. */
final class NameMatch {
    private NameMatch() {}

    /** "a::b" / "A#m" / "x/y" → '.'-separated, with surrounding whitespace removed. */
    static String dotted(String name) {
        return name.strip().replace("::", ".").replace('#', '.').replace('/', '.');
    }

    static String lastSegment(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    static String firstSegment(String dotted) {
        int dot = dotted.indexOf('.');
        return dot < 0 ? dotted : dotted.substring(0, dot);
    }

    /** Query semantics: {@code name} is {@code query} or ends with "." + query. */
    static boolean endsWithSegments(String name, String query) {
        return name.equals(query)
                || (name.length() > query.length() && name.endsWith(query)
                        && name.charAt(name.length() - query.length() - 1) == '.');
    }

    /**
     * Import semantics: an import target and a definition's full name denote the same thing when one
     * ends with the other at a '.' boundary (the index root may sit above or below the module root),
     * as long as the shorter keeps at least two segments, so a lone name never matches by accident.
     */
    static boolean sameSymbol(String fullName, String target) {
        if (fullName.equals(target)) {
            return true;
        }
        String shorter = fullName.length() < target.length() ? fullName : target;
        String longer = shorter == fullName ? target : fullName;
        return shorter.indexOf('.') > 0 && endsWithSegments(longer, shorter);
    }

    /** Whether the text is a plain name chain ("a.b.C"), not a call or expression. */
    static boolean isNameChain(String text) {
        if (text.isEmpty() || text.startsWith(".") || text.endsWith(".")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.isJavaIdentifierPart(c) || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
