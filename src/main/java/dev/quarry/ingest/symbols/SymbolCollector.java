package dev.quarry.ingest.symbols;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.treesitter.TSNode;

/**
 * Collects one file's symbols while {@link CaptureWalk} visits its nodes in document order. Tracks the
 * declarations enclosing the current node as a stack of scopes that end at their node's last byte, so
 * qualified names and callers come from position alone.
 */
final class SymbolCollector {
    private record Scope(int endByte, String qualifiedName, String kind, String receiver) {}

    private final String path;
    private final SourceText source;
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private final List<Definition> definitions = new ArrayList<>();
    private final List<CallSite> calls = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private final List<Inheritance> inheritance = new ArrayList<>();
    private String packageName;
    private int nodeEnd;
    private int widenedStart = -1;
    private TSNode widenedExtent;

    SymbolCollector(String path, String packageName, SourceText source) {
        this.path = path;
        this.packageName = packageName;
        this.source = source;
    }

    /** Called by the walk before each node: scopes that ended before it are closed. */
    void moveTo(int startByte, int endByte) {
        while (!scopes.isEmpty() && scopes.peek().endByte() <= startByte) {
            scopes.pop();
        }
        nodeEnd = endByte;
    }

    SourceText source() {
        return source;
    }

    String text(TSNode node) {
        return source.text(node);
    }

    void packageName(String name) {
        packageName = name;
    }

    /**
     * Makes {@code wider} the extent of the definition node {@code definition}, visited next: a
     * decorated Python definition starts at its first decorator. (Asking the node for its parent instead
     * makes tree-sitter descend from the root again.)
     */
    void widenExtent(TSNode definition, TSNode wider) {
        widenedStart = definition.getStartByte();
        widenedExtent = wider;
    }

    /** The extent registered for this definition node by {@link #widenExtent}, else the node itself. */
    TSNode extentOf(TSNode definition) {
        return widenedExtent != null && definition.getStartByte() == widenedStart ? widenedExtent : definition;
    }

    /** Qualified name of the innermost enclosing declaration (or impl block), null at top level. */
    String scopeName() {
        return scopes.isEmpty() ? null : scopes.peek().qualifiedName();
    }

    /** Kind of the innermost scope ("class", "impl", "function", ...), null at top level. */
    String scopeKind() {
        return scopes.isEmpty() ? null : scopes.peek().kind();
    }

    /**
     * Records a declaration nested in the current scope and makes it the scope of everything inside the
     * current node; {@code extent} gives its lines. Returns its qualified name, or null when the name is
     * missing (syntax errors).
     */
    String define(String name, String kind, TSNode extent) {
        return defineIn(scopeName(), name, kind, extent, null);
    }

    /** A declaration whose container is named explicitly: a Go method belongs to its receiver type. */
    String defineMember(String container, String name, String kind, TSNode extent, String receiver) {
        return defineIn(container, name, kind, extent, receiver);
    }

    /** A scope that is not itself a declaration: a Rust impl block qualifies its methods with the type. */
    void enterScope(String name, String kind) {
        String parent = scopeName();
        scopes.push(new Scope(nodeEnd, parent == null ? name : parent + "." + name, kind, null));
    }

    void call(String callee, String qualifier, TSNode at) {
        if (callee == null || callee.isBlank()) {
            return;
        }
        String receiver = receiver();
        if (receiver != null && receiver.equals(qualifier)) {
            qualifier = "self";
        }
        calls.add(new CallSite(callee, qualifier, scopeName(), path, SourceText.startLine(at)));
    }

    void imported(String imported, String alias, TSNode at) {
        if (imported != null && !imported.isBlank()) {
            imports.add(new Import(imported, alias, path, SourceText.startLine(at)));
        }
    }

    void inherits(String child, String parent, String relation, TSNode at) {
        if (child != null && parent != null && !parent.isBlank()) {
            inheritance.add(new Inheritance(child, parent, relation, path, SourceText.startLine(at)));
        }
    }

    FileSymbols result() {
        return new FileSymbols(path, packageName, definitions, calls, imports, inheritance);
    }

    private String defineIn(String container, String name, String kind, TSNode extent, String receiver) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String qualified = container == null ? name : container + "." + name;
        definitions.add(new Definition(name, qualified, kind, container, path,
                SourceText.startLine(extent), SourceText.endLine(extent)));
        scopes.push(new Scope(nodeEnd, qualified, kind, receiver));
        return qualified;
    }

    /** The Go receiver variable of the innermost method, if any scope up the stack declared one. */
    private String receiver() {
        for (Scope scope : scopes) {
            if (scope.receiver() != null) {
                return scope.receiver();
            }
        }
        return null;
    }
}
