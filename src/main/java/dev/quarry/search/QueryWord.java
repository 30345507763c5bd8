package dev.quarry.search;

import java.util.List;

/**
 * One distinct word of a query as the index sees it.
 *
 * @param terms       code terms: the lower-cased whole word first, then its identifier parts if it has several
 * @param stems       its parts, stemmed, aligned with {@link #parts()}
 * @param occurrences how often the word appears in the query
 */
record QueryWord(List<String> terms, List<String> stems, int occurrences) {
    QueryWord {
        terms = List.copyOf(terms);
        stems = List.copyOf(stems);
        if (terms.isEmpty() || stems.size() != (terms.size() == 1 ? 1 : terms.size() - 1)) {
            throw new IllegalArgumentException("stems " + stems + " do not align with the parts of " + terms);
        }
    }

    /** A plain word (no identifier parts), the only kind that may be a stop word. */
    boolean isPlain() {
        return terms.size() == 1;
    }

    String whole() {
        return terms.get(0);
    }

    /** The words inside an identifier; a plain word is its own only part. */
    List<String> parts() {
        return isPlain() ? terms : terms.subList(1, terms.size());
    }

    QueryWord repeated() {
        return new QueryWord(terms, stems, occurrences + 1);
    }
}
