package dev.quarry.search.grep;

import dev.quarry.index.lucene.ChunkSchema;
import dev.quarry.index.lucene.GrepFields;
import dev.quarry.index.lucene.Trigrams;
import dev.quarry.search.grep.Requirement.Needle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;

/**
 * Turns a {@link Requirement} into the Lucene query for candidate files: each literal becomes the
 * conjunction of its trigrams, alternatives a disjunction. A literal shorter than three bytes (or a
 * requirement that is unknown) constrains nothing, so it widens to every file.
 */
final class CandidateQuery {
    /** Trigrams used per literal: enough that big files holding most trigrams are ruled out too. */
    private static final int MAX_TRIGRAMS_PER_NEEDLE = 32;
    /** Bounds the whole query well under Lucene's clause limit. */
    private static final int MAX_CLAUSES = 512;

    private int clauses;

    private CandidateQuery() {}

    static Query of(Requirement requirement) {
        Query query = new CandidateQuery().build(requirement);
        return query == null ? ChunkSchema.allFiles() : new ConstantScoreQuery(query);
    }

    /** @return null when the requirement does not narrow the files */
    private Query build(Requirement requirement) {
        return switch (requirement) {
            case Requirement.Any any -> null;
            case Requirement.OneOf oneOf -> {
                List<Query> alternatives = new ArrayList<>();
                for (Needle needle : oneOf.needles()) {
                    Query q = needle(needle.folded());
                    if (q == null) {
                        yield null;
                    }
                    alternatives.add(q);
                }
                yield combine(alternatives, BooleanClause.Occur.SHOULD);
            }
            case Requirement.All all -> {
                List<Query> parts = new ArrayList<>();
                for (Requirement part : all.parts()) {
                    Query q = build(part);
                    if (q != null) {
                        parts.add(q);
                    }
                }
                yield parts.isEmpty() ? null : combine(parts, BooleanClause.Occur.FILTER);
            }
            case Requirement.AnyOf anyOf -> {
                List<Query> parts = new ArrayList<>();
                for (Requirement part : anyOf.parts()) {
                    Query q = build(part);
                    if (q == null) {
                        yield null;
                    }
                    parts.add(q);
                }
                yield combine(parts, BooleanClause.Occur.SHOULD);
            }
        };
    }

    private Query needle(String folded) {
        Set<Integer> trigrams = new LinkedHashSet<>();
        Trigrams.forEach(folded, trigrams::add);
        if (trigrams.isEmpty() || clauses >= MAX_CLAUSES) {
            return null;
        }
        List<Integer> all = new ArrayList<>(trigrams);
        List<Query> terms = new ArrayList<>();
        int take = Math.min(all.size(), MAX_TRIGRAMS_PER_NEEDLE);
        for (int i = 0; i < take; i++) {
            // Spread the picks over the whole literal rather than taking its start.
            terms.add(GrepFields.trigramQuery(all.get((int) ((long) i * all.size() / take))));
        }
        clauses += terms.size();
        return combine(terms, BooleanClause.Occur.FILTER);
    }

    private static Query combine(List<Query> queries, BooleanClause.Occur occur) {
        if (queries.size() == 1) {
            return queries.get(0);
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        queries.forEach(q -> builder.add(q, occur));
        if (occur == BooleanClause.Occur.SHOULD) {
            builder.setMinimumNumberShouldMatch(1);
        }
        return builder.build();
    }
}
