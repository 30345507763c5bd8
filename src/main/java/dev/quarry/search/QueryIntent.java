package dev.quarry.search;

import java.util.regex.Pattern;

/**
 * What a query is after, from its shape alone (two regular expressions, no model): it decides how
 * much each lane counts in hybrid ranking. The lane that speaks the query's language leads.
 *
 * <ul>
 *   <li>{@link #IDENTIFIER}: one name or qualified name ({@code StringUtils.abbreviate},
 *       {@code parse_date}, {@code HTTPClient}, {@code retry}): a definition lookup, which exact
 *       matching answers and embeddings blur. Lexical leads, and the defining chunk goes first
 *       ({@link DefinitionFloor}).
 *   <li>{@link #PROSE}: natural language without code in it, a question ("where do we retry failed
 *       uploads") or a description ("Appends the suffix if missing"): the words people use for intent
 *       are often not the code's words. Semantic leads.
 *   <li>{@link #MIXED}: natural language that names code ("Checks if the CharSequence is empty",
 *       "where is parseDate called"): the names are exact anchors and the rest is meaning, so both
 *       lanes count alike.
 * </ul>
 *
 * <p>A leading lane counts four times the other. With RRF's k = 60, the follower's first place is
 * then worth about twenty of the leader's places: it can lift a chunk from the leader's head to the
 * top, but a chunk only the follower found stays below the leader's first. On the evaluation sets
 * 1:1 and 2:1 were tried as well (docs/benchmarks.md); the weights were not fitted beyond that.
 */
public enum QueryIntent {
    IDENTIFIER(1.0, 0.25),
    PROSE(0.25, 1.0),
    MIXED(1.0, 1.0);

    /** The same shape the lexical lane boosts exact symbol matches for. */
    private static final Pattern IDENTIFIER_SHAPE = Pattern.compile(
            "[\\p{L}_$][\\p{L}\\p{N}_$]*(?:(?:\\.|::|#)[\\p{L}_$][\\p{L}\\p{N}_$]*)*(?:\\(\\))?");
    /** A word written as code: camelCase, an acronym joined to a word, snake_case, qualified or called. */
    private static final Pattern CODE_WORD = Pattern.compile(
            "\\p{Ll}\\p{Lu}|\\p{Lu}\\p{Lu}\\p{Ll}|\\p{L}_\\p{L}|\\p{L}(?:\\.|::|#)\\p{L}|\\(\\)");

    private final double lexicalWeight;
    private final double semanticWeight;

    QueryIntent(double lexicalWeight, double semanticWeight) {
        this.lexicalWeight = lexicalWeight;
        this.semanticWeight = semanticWeight;
    }

    public static QueryIntent classify(String query) {
        String text = query.strip();
        if (IDENTIFIER_SHAPE.matcher(text).matches()) {
            return IDENTIFIER;
        }
        return CODE_WORD.matcher(text).find() ? MIXED : PROSE;
    }

    /** The name an {@link #IDENTIFIER} query asks for, without a trailing {@code ()}. */
    static String identifierOf(String query) {
        String text = query.strip();
        return text.endsWith("()") ? text.substring(0, text.length() - 2) : text;
    }

    public double lexicalWeight() {
        return lexicalWeight;
    }

    public double semanticWeight() {
        return semanticWeight;
    }
}
