package dev.quarry.ingest.chunk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.treesitter.TSNode;

/**
 * Turns a syntax tree into segments. Only the file's children, type bodies and transparent
 * wrappers are visited, never function bodies: the JNI calls stay proportional to the number of
 * declarations, not to the size of the tree.
 *
 * <p>Every row of the file lands in some segment unless it is blank or only brackets: a type
 * yields a header (its declaration and what precedes its first member), its members, and "gap"
 * segments for code between or after members; the file yields module segments the same way.
 */
final class DeclarationWalker {
    /** Types nested deeper than this stay whole inside their parent's chunk; bounds recursion on hostile input. */
    private static final int MAX_DEPTH = 48;

    private final SyntaxRules rules;
    private final SourceText source;
    private final int pieceLines;
    private final List<Segment> segments = new ArrayList<>();
    private boolean foundDeclaration;

    private DeclarationWalker(SyntaxRules rules, SourceText source, int pieceLines) {
        this.rules = rules;
        this.source = source;
        this.pieceLines = pieceLines;
    }

    /**
     * @param pieceLines longest module or gap segment; longer runs of such code are cut in pieces
     * @return segments in file order, or empty when the tree holds no declaration
     */
    static List<Segment> walk(TSNode root, SyntaxRules rules, SourceText source, int pieceLines) {
        DeclarationWalker walker = new DeclarationWalker(rules, source, pieceLines);
        List<LineRange> covered = walker.members(root, Scope.FILE, 0);
        if (!walker.foundDeclaration) {
            return List.of();
        }
        walker.gaps(new LineRange(0, source.lineCount() - 1), covered, ChunkKind.MODULE, "", "");
        // Stable: a type's header stays ahead of a member that starts on the same row.
        walker.segments.sort(Comparator.comparingInt(segment -> segment.lines().first()));
        return walker.segments;
    }

    /** Emits segments for the declarations among {@code container}'s children; returns their rows, in order. */
    private List<LineRange> members(TSNode container, Scope scope, int depth) {
        List<LineRange> covered = new ArrayList<>();
        List<TSNode> leading = new ArrayList<>();
        TSNode previous = null;
        for (TSNode child : Nodes.children(container)) {
            Role role = rules.classify(child, child.getType(), scope.inType(), source);
            if (role instanceof Role.Leading && !trails(previous, child, leading)) {
                leading.add(child);
                continue;
            }
            switch (role) {
                case Declaration declaration -> covered.add(declaration(declaration, leading, scope, depth));
                case Role.Transparent transparent when depth < MAX_DEPTH ->
                        covered.addAll(members(transparent.children(), scope, depth + 1));
                default -> {}
            }
            leading.clear();
            previous = child;
        }
        return covered;
    }

    /** A comment on the row where the previous sibling ends belongs to that line, not to what follows. */
    private static boolean trails(TSNode previous, TSNode comment, List<TSNode> leading) {
        if (previous == null || !leading.isEmpty()) {
            return false;
        }
        return Nodes.startRow(comment) == Nodes.endRow(previous, Nodes.startRow(previous));
    }

    private LineRange declaration(Declaration declaration, List<TSNode> leading, Scope scope, int depth) {
        foundDeclaration = true;
        int start = Nodes.startRow(declaration.extent());
        int first = source.clampRow(attach(leading, start));
        int last = source.clampRow(Math.max(first, Nodes.endRow(declaration.extent(), start)));
        LineRange whole = new LineRange(first, last);
        ChunkKind kind = declaration.kind();
        String symbol = scope.qualify(declaration.name());
        String signature = Signatures.of(declaration, source);
        if (declaration.members() == null || depth >= MAX_DEPTH) {
            segments.add(new Segment(kind, symbol, signature, whole));
            return whole;
        }
        int headerSlot = segments.size();
        List<LineRange> covered = members(declaration.members(), Scope.inside(symbol), depth + 1);
        int headerLast = covered.isEmpty() ? last : Math.clamp(covered.getFirst().first() - 1L, first, last);
        while (headerLast > first && !source.isSignificant(headerLast)) {
            headerLast--; // the blank rows before the first member belong to neither
        }
        segments.add(headerSlot, new Segment(kind, symbol, signature, new LineRange(first, headerLast)));
        if (headerLast < last) {
            gaps(new LineRange(headerLast + 1, last), covered, kind, symbol, signature);
        }
        return whole;
    }

    /** First row of the declaration including the comments/attributes stacked directly above it. */
    private static int attach(List<TSNode> leading, int start) {
        int first = start;
        for (int i = leading.size() - 1; i >= 0; i--) {
            TSNode node = leading.get(i);
            int nodeStart = Nodes.startRow(node);
            if (Nodes.endRow(node, nodeStart) < first - 1) {
                break; // a blank line apart: not this declaration's comment
            }
            first = Math.min(first, nodeStart);
        }
        return first;
    }

    /** Emits the rows of {@code area} not in {@code covered} (sorted) as segments of the given identity. */
    private void gaps(LineRange area, List<LineRange> covered, ChunkKind kind, String symbol, String signature) {
        int next = area.first();
        for (LineRange range : covered) {
            if (range.first() > next) {
                gap(next, Math.min(range.first() - 1, area.last()), kind, symbol, signature);
            }
            next = Math.max(next, range.last() + 1);
        }
        if (next <= area.last()) {
            gap(next, area.last(), kind, symbol, signature);
        }
    }

    private void gap(int first, int last, ChunkKind kind, String symbol, String signature) {
        LineRange trimmed = trim(first, last);
        if (trimmed == null) {
            return;
        }
        for (LineRange piece : trimmed.pieces(pieceLines)) {
            LineRange kept = trim(piece.first(), piece.last());
            if (kept != null) {
                segments.add(new Segment(kind, symbol, signature, kept));
            }
        }
    }

    /** The rows without their leading and trailing blank or bracket-only rows; null when nothing is left. */
    private LineRange trim(int first, int last) {
        int from = first;
        int to = last;
        while (from <= to && !source.isSignificant(from)) {
            from++;
        }
        while (to > from && !source.isSignificant(to)) {
            to--;
        }
        return from <= to ? new LineRange(from, to) : null;
    }
}
