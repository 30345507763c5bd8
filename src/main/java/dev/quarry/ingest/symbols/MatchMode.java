package dev.quarry.ingest.symbols;

/** How {@link SymbolGraph#definitions} compares a query with declaration names. */
public enum MatchMode {
    /** Simple name equals the query. */
    EXACT,
    /** Simple name starts with the query. */
    PREFIX,
    /**
     * Qualified name, package included, ends with the query at a '.' boundary: "StringUtils.abbreviate"
     * and "lang3.StringUtils.abbreviate" both find {@code org.apache.commons.lang3.StringUtils.abbreviate}.
     * "::" and "#" in the query count as '.'.
     */
    QUALIFIED
}
