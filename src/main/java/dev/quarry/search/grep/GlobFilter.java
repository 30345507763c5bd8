package dev.quarry.search.grep;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Ripgrep's {@code --glob}: gitignore-style globs over paths relative to the index root. A glob
 * without '/' matches a file or directory name at any depth, one with '/' the path from the root;
 * {@code *} and {@code ?} stay within a name, {@code **} crosses directories, {@code {a,b}}
 * alternates. A leading '!' excludes. When several globs match, the last wins; a file no glob
 * matches is excluded if any non-'!' glob was given. A directory matched by an excluding glob
 * excludes everything under it.
 */
final class GlobFilter {
    private record Rule(Pattern regex, boolean exclude, boolean directoryOnly, boolean anyDepth) {
        boolean matches(String path, String name, boolean directory) {
            return (!directoryOnly || directory) && regex.matches(anyDepth ? name : path);
        }
    }

    private final List<Rule> rules;
    private final boolean anyInclude;

    private GlobFilter(List<Rule> rules) {
        this.rules = rules;
        this.anyInclude = rules.stream().anyMatch(r -> !r.exclude());
    }

    static GlobFilter of(List<String> globs) {
        List<Rule> rules = new ArrayList<>();
        for (String glob : globs) {
            rules.add(rule(glob));
        }
        return new GlobFilter(rules);
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    boolean accepts(String path) {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            String dir = path.substring(0, slash);
            if (last(dir, true) instanceof Rule r && r.exclude()) {
                return false;
            }
        }
        Rule decisive = last(path, false);
        return decisive == null ? !anyInclude : !decisive.exclude();
    }

    private Rule last(String path, boolean directory) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (rules.get(i).matches(path, name, directory)) {
                return rules.get(i);
            }
        }
        return null;
    }

    private static Rule rule(String glob) {
        String text = glob;
        boolean exclude = text.startsWith("!");
        if (exclude) {
            text = text.substring(1);
        }
        boolean directoryOnly = text.endsWith("/");
        if (directoryOnly) {
            text = text.substring(0, text.length() - 1);
        }
        boolean anyDepth = text.indexOf('/') < 0;
        if (text.startsWith("/")) {
            text = text.substring(1);
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("glob '" + glob + "' matches nothing");
        }
        return new Rule(Pattern.compile(toRegex(text, glob), Pattern.DOTALL), exclude, directoryOnly, anyDepth);
    }

    private static String toRegex(String glob, String original) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        boolean inBraces = false;
        for (int i = 0; i < n; ) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**", i) && (i == 0 || glob.charAt(i - 1) == '/')
                    && (i + 2 == n || glob.charAt(i + 2) == '/')) {
                if (i + 2 == n) {
                    re.append(".*");
                    i += 2;
                } else {
                    re.append("(?:.*/)?"); // "**/" also matches no directory at all
                    i += 3;
                }
            } else if (c == '*') {
                re.append("[^/]*");
                i++;
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("glob '" + original + "' has an unclosed '['");
                }
                String body = glob.substring(i + 1, close);
                boolean negated = body.startsWith("!") || body.startsWith("^");
                re.append(negated ? "[^/" : "[");
                String items = negated ? body.substring(1) : body;
                for (int k = 0; k < items.length(); k++) {
                    char item = items.charAt(k);
                    if (item == '-' && k > 0 && k < items.length() - 1) {
                        re.append('-');
                    } else {
                        CodePointSet.appendEscaped(re, item);
                    }
                }
                re.append(']');
                i = close + 1;
            } else if (c == '{' && !inBraces) {
                re.append("(?:");
                inBraces = true;
                i++;
            } else if (c == '}' && inBraces) {
                re.append(')');
                inBraces = false;
                i++;
            } else if (c == ',' && inBraces) {
                re.append('|');
                i++;
            } else if (c == '\\' && i + 1 < n) {
                CodePointSet.appendEscaped(re, glob.charAt(i + 1));
                i += 2;
            } else {
                CodePointSet.appendEscaped(re, c);
                i++;
            }
        }
        if (inBraces) {
            throw new IllegalArgumentException("glob '" + original + "' has an unclosed '{'");
        }
        return re.toString();
    }
}
