package dev.quarry.search.grep;

import dev.quarry.index.lucene.Trigrams;
import dev.quarry.search.grep.Requirement.All;
import dev.quarry.search.grep.Requirement.Any;
import dev.quarry.search.grep.Requirement.AnyOf;
import dev.quarry.search.grep.Requirement.Needle;
import dev.quarry.search.grep.Requirement.OneOf;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives from a pattern the literals every match must contain, after Cox's "Regular Expression
 * Matching with a Trigram Index": each node is either <em>exact</em> (a small set of strings it
 * matches, such as {@code ab[cd]} → {abc, abd}) or summarised by a {@link Requirement}. Concatenation
 * multiplies exact sets so literals spanning classes and alternations keep their trigrams;
 * repetitions with minimum zero, {@code .} and large classes know nothing. Anything unknown is
 * {@link Any}, which only widens the candidates: the planner may lose selectivity, never a match.
 */
final class TrigramPlanner {
    /** Largest exact set kept before it is summarised; keeps queries and prefilters small. */
    private static final int MAX_EXACT = 16;
    /** Classes up to this many code points are expanded into exact alternatives. */
    private static final int MAX_CLASS = 8;

    /** Either an exact set of needles or, when {@code exact} is null, a requirement. */
    private record Info(List<Needle> exact, Requirement requirement) {
        static Info exact(List<Needle> needles) {
            return new Info(needles, null);
        }

        static Info inexact(Requirement requirement) {
            return new Info(null, requirement);
        }

        Requirement asRequirement() {
            return exact == null ? requirement : oneOf(exact);
        }
    }

    private static final List<Needle> EMPTY_STRING = List.of(new Needle("", ""));

    private TrigramPlanner() {}

    static Requirement plan(RegexNode root) {
        return simplify(info(root).asRequirement());
    }

    private static Info info(RegexNode node) {
        return switch (node) {
            case RegexNode.Empty e -> Info.exact(EMPTY_STRING);
            case RegexNode.Assertion a -> Info.exact(EMPTY_STRING);
            case RegexNode.Literal l -> Info.exact(List.of(needle(l.codePoint(), l.foldCase())));
            case RegexNode.CharClass c -> charClass(c);
            case RegexNode.AnyChar a -> Info.inexact(new Any());
            case RegexNode.Group g -> info(g.node());
            case RegexNode.Concat c -> concat(c.items());
            case RegexNode.Alternate a -> alternate(a.branches());
            case RegexNode.Repeat r -> repeat(r);
        };
    }

    private static Needle needle(int codePoint, boolean foldCase) {
        return new Needle(Character.toString(Trigrams.fold(codePoint)), foldCase ? null : Character.toString(codePoint));
    }

    private static Info charClass(RegexNode.CharClass c) {
        if (c.set().size(MAX_CLASS) > MAX_CLASS) {
            return Info.inexact(new Any());
        }
        Set<Needle> needles = new LinkedHashSet<>();
        for (int cp : c.set().members()) {
            needles.add(needle(cp, false)); // case variants are members already
        }
        return needles.isEmpty() ? Info.inexact(new Any()) : Info.exact(List.copyOf(needles));
    }

    private static Info concat(List<RegexNode> items) {
        List<Requirement> parts = new ArrayList<>();
        List<Needle> run = EMPTY_STRING;
        boolean allExact = true;
        for (RegexNode item : items) {
            Info info = info(item);
            if (info.exact() != null && (long) run.size() * info.exact().size() <= MAX_EXACT) {
                run = cross(run, info.exact());
                continue;
            }
            allExact = false;
            parts.add(oneOf(run));
            if (info.exact() != null) {
                run = info.exact();
            } else {
                parts.add(info.requirement());
                run = EMPTY_STRING;
            }
        }
        if (allExact) {
            return Info.exact(run);
        }
        parts.add(oneOf(run));
        return Info.inexact(new All(parts));
    }

    private static List<Needle> cross(List<Needle> left, List<Needle> right) {
        Set<Needle> out = new LinkedHashSet<>();
        for (Needle l : left) {
            for (Needle r : right) {
                String exact = l.exact() == null || r.exact() == null ? null : l.exact() + r.exact();
                out.add(new Needle(l.folded() + r.folded(), exact));
            }
        }
        return List.copyOf(out);
    }

    private static Info alternate(List<RegexNode> branches) {
        List<Info> infos = branches.stream().map(TrigramPlanner::info).toList();
        Set<Needle> union = new LinkedHashSet<>();
        for (Info info : infos) {
            if (info.exact() == null || union.size() + info.exact().size() > MAX_EXACT) {
                return Info.inexact(new AnyOf(infos.stream().map(Info::asRequirement).toList()));
            }
            union.addAll(info.exact());
        }
        return Info.exact(List.copyOf(union));
    }

    private static Info repeat(RegexNode.Repeat r) {
        Info inner = info(r.node());
        if (r.min() == 0) {
            if (r.max() == 1 && inner.exact() != null && inner.exact().size() < MAX_EXACT) {
                Set<Needle> optional = new LinkedHashSet<>(inner.exact());
                optional.addAll(EMPTY_STRING);
                return Info.exact(List.copyOf(optional));
            }
            return Info.inexact(new Any());
        }
        if (r.min() == 1 && r.max() == 1) {
            return inner;
        }
        return Info.inexact(inner.asRequirement()); // at least one copy occurs
    }

    private static Requirement oneOf(List<Needle> needles) {
        for (Needle n : needles) {
            if (n.folded().isEmpty()) {
                return new Any(); // the empty string is among them: nothing is required
            }
        }
        return new OneOf(needles);
    }

    /** Drops {@link Any} from conjunctions and collapses disjunctions that contain it. */
    private static Requirement simplify(Requirement requirement) {
        return switch (requirement) {
            case All all -> {
                List<Requirement> parts = new ArrayList<>();
                for (Requirement part : all.parts()) {
                    Requirement simple = simplify(part);
                    if (simple instanceof All nested) {
                        parts.addAll(nested.parts());
                    } else if (!(simple instanceof Any)) {
                        parts.add(simple);
                    }
                }
                yield parts.isEmpty() ? new Any() : parts.size() == 1 ? parts.get(0) : new All(parts);
            }
            case AnyOf anyOf -> {
                List<Requirement> parts = new ArrayList<>();
                for (Requirement part : anyOf.parts()) {
                    Requirement simple = simplify(part);
                    if (simple instanceof Any) {
                        yield simple;
                    }
                    parts.add(simple);
                }
                yield parts.size() == 1 ? parts.get(0) : new AnyOf(parts);
            }
            default -> requirement;
        };
    }
}
