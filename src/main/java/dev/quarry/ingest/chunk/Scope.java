package dev.quarry.ingest.chunk;

/** Where the walker stands: the enclosing types' qualified name ("Outer.Inner"), and whether that is a type body. */
record Scope(String qualifier, boolean inType) {
    static final Scope FILE = new Scope("", false);

    String qualify(String name) {
        return qualifier.isEmpty() ? name : qualifier + "." + name;
    }

    /** The scope of the members of type {@code symbol}. */
    static Scope inside(String symbol) {
        return new Scope(symbol, true);
    }
}
