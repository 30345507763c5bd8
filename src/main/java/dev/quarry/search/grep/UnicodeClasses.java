package dev.quarry.search.grep;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ripgrep's character classes as code point sets, from the JDK's Unicode tables: {@code \w} is
 * Unicode-aware in ripgrep but ASCII-only in re2j, so Quarry resolves classes itself.
 */
final class UnicodeClasses {
    /** UTS #18 word characters, as ripgrep's {@code \w}: Alphabetic, marks, decimal digits, connector punctuation, joiners. */
    static final CodePointSet WORD = CodePointSet.matching(cp -> Character.isAlphabetic(cp)
            || switch (Character.getType(cp)) {
                case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                     Character.DECIMAL_DIGIT_NUMBER, Character.CONNECTOR_PUNCTUATION -> true;
                default -> false;
            }
            || cp == 0x200C || cp == 0x200D);
    static final CodePointSet DIGIT = CodePointSet.matching(cp -> Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER);
    /** The White_Space property (the JDK has no direct test for it). */
    static final CodePointSet SPACE = new CodePointSet.Builder()
            .add(0x09, 0x0D).add(0x20, 0x20).add(0x85, 0x85).add(0xA0, 0xA0).add(0x1680, 0x1680)
            .add(0x2000, 0x200A).add(0x2028, 0x2029).add(0x202F, 0x202F).add(0x205F, 0x205F).add(0x3000, 0x3000)
            .build();

    static final CodePointSet ASCII_WORD = new CodePointSet.Builder()
            .add('0', '9').add('A', 'Z').add('_', '_').add('a', 'z').build();
    static final CodePointSet ASCII_DIGIT = CodePointSet.range('0', '9');
    static final CodePointSet ASCII_SPACE = new CodePointSet.Builder().add(0x09, 0x0D).add(' ', ' ').build();

    private static final Map<String, CodePointSet> ASCII_CLASSES = Map.ofEntries(
            Map.entry("alnum", new CodePointSet.Builder().add('0', '9').add('A', 'Z').add('a', 'z').build()),
            Map.entry("alpha", new CodePointSet.Builder().add('A', 'Z').add('a', 'z').build()),
            Map.entry("ascii", CodePointSet.range(0, 0x7F)),
            Map.entry("blank", new CodePointSet.Builder().add('\t', '\t').add(' ', ' ').build()),
            Map.entry("cntrl", new CodePointSet.Builder().add(0, 0x1F).add(0x7F, 0x7F).build()),
            Map.entry("digit", ASCII_DIGIT),
            Map.entry("graph", CodePointSet.range('!', '~')),
            Map.entry("lower", CodePointSet.range('a', 'z')),
            Map.entry("print", CodePointSet.range(' ', '~')),
            Map.entry("punct", new CodePointSet.Builder().add('!', '/').add(':', '@').add('[', '`').add('{', '~').build()),
            Map.entry("space", ASCII_SPACE),
            Map.entry("upper", CodePointSet.range('A', 'Z')),
            Map.entry("word", ASCII_WORD),
            Map.entry("xdigit", new CodePointSet.Builder().add('0', '9').add('A', 'F').add('a', 'f').build()));

    private static final Map<String, Integer> CATEGORIES = Map.ofEntries(
            Map.entry("lu", (int) Character.UPPERCASE_LETTER), Map.entry("uppercaseletter", (int) Character.UPPERCASE_LETTER),
            Map.entry("ll", (int) Character.LOWERCASE_LETTER), Map.entry("lowercaseletter", (int) Character.LOWERCASE_LETTER),
            Map.entry("lt", (int) Character.TITLECASE_LETTER), Map.entry("titlecaseletter", (int) Character.TITLECASE_LETTER),
            Map.entry("lm", (int) Character.MODIFIER_LETTER), Map.entry("modifierletter", (int) Character.MODIFIER_LETTER),
            Map.entry("lo", (int) Character.OTHER_LETTER), Map.entry("otherletter", (int) Character.OTHER_LETTER),
            Map.entry("mn", (int) Character.NON_SPACING_MARK), Map.entry("nonspacingmark", (int) Character.NON_SPACING_MARK),
            Map.entry("mc", (int) Character.COMBINING_SPACING_MARK), Map.entry("spacingmark", (int) Character.COMBINING_SPACING_MARK),
            Map.entry("me", (int) Character.ENCLOSING_MARK), Map.entry("enclosingmark", (int) Character.ENCLOSING_MARK),
            Map.entry("nd", (int) Character.DECIMAL_DIGIT_NUMBER), Map.entry("decimalnumber", (int) Character.DECIMAL_DIGIT_NUMBER),
            Map.entry("nl", (int) Character.LETTER_NUMBER), Map.entry("letternumber", (int) Character.LETTER_NUMBER),
            Map.entry("no", (int) Character.OTHER_NUMBER), Map.entry("othernumber", (int) Character.OTHER_NUMBER),
            Map.entry("pc", (int) Character.CONNECTOR_PUNCTUATION), Map.entry("connectorpunctuation", (int) Character.CONNECTOR_PUNCTUATION),
            Map.entry("pd", (int) Character.DASH_PUNCTUATION), Map.entry("dashpunctuation", (int) Character.DASH_PUNCTUATION),
            Map.entry("ps", (int) Character.START_PUNCTUATION), Map.entry("openpunctuation", (int) Character.START_PUNCTUATION),
            Map.entry("pe", (int) Character.END_PUNCTUATION), Map.entry("closepunctuation", (int) Character.END_PUNCTUATION),
            Map.entry("pi", (int) Character.INITIAL_QUOTE_PUNCTUATION), Map.entry("initialpunctuation", (int) Character.INITIAL_QUOTE_PUNCTUATION),
            Map.entry("pf", (int) Character.FINAL_QUOTE_PUNCTUATION), Map.entry("finalpunctuation", (int) Character.FINAL_QUOTE_PUNCTUATION),
            Map.entry("po", (int) Character.OTHER_PUNCTUATION), Map.entry("otherpunctuation", (int) Character.OTHER_PUNCTUATION),
            Map.entry("sm", (int) Character.MATH_SYMBOL), Map.entry("mathsymbol", (int) Character.MATH_SYMBOL),
            Map.entry("sc", (int) Character.CURRENCY_SYMBOL), Map.entry("currencysymbol", (int) Character.CURRENCY_SYMBOL),
            Map.entry("sk", (int) Character.MODIFIER_SYMBOL), Map.entry("modifiersymbol", (int) Character.MODIFIER_SYMBOL),
            Map.entry("so", (int) Character.OTHER_SYMBOL), Map.entry("othersymbol", (int) Character.OTHER_SYMBOL),
            Map.entry("zs", (int) Character.SPACE_SEPARATOR), Map.entry("spaceseparator", (int) Character.SPACE_SEPARATOR),
            Map.entry("zl", (int) Character.LINE_SEPARATOR), Map.entry("lineseparator", (int) Character.LINE_SEPARATOR),
            Map.entry("zp", (int) Character.PARAGRAPH_SEPARATOR), Map.entry("paragraphseparator", (int) Character.PARAGRAPH_SEPARATOR),
            Map.entry("cc", (int) Character.CONTROL), Map.entry("control", (int) Character.CONTROL),
            Map.entry("cf", (int) Character.FORMAT), Map.entry("format", (int) Character.FORMAT),
            Map.entry("cs", (int) Character.SURROGATE), Map.entry("surrogate", (int) Character.SURROGATE),
            Map.entry("co", (int) Character.PRIVATE_USE), Map.entry("privateuse", (int) Character.PRIVATE_USE),
            Map.entry("cn", (int) Character.UNASSIGNED), Map.entry("unassigned", (int) Character.UNASSIGNED));

    /** One-letter general categories and their long names, as the two-letter categories they group. */
    private static final Map<String, String> CATEGORY_GROUPS = Map.ofEntries(
            Map.entry("l", "lu ll lt lm lo"), Map.entry("letter", "lu ll lt lm lo"),
            Map.entry("lc", "lu ll lt"), Map.entry("casedletter", "lu ll lt"),
            Map.entry("m", "mn mc me"), Map.entry("mark", "mn mc me"),
            Map.entry("n", "nd nl no"), Map.entry("number", "nd nl no"),
            Map.entry("p", "pc pd ps pe pi pf po"), Map.entry("punctuation", "pc pd ps pe pi pf po"),
            Map.entry("s", "sm sc sk so"), Map.entry("symbol", "sm sc sk so"),
            Map.entry("z", "zs zl zp"), Map.entry("separator", "zs zl zp"),
            Map.entry("c", "cc cf cs co cn"), Map.entry("other", "cc cf cs co cn"));

    private static final Map<String, CodePointSet> PROPERTY_CACHE = new ConcurrentHashMap<>();

    private UnicodeClasses() {}

    static CodePointSet word(boolean unicode) {
        return unicode ? WORD : ASCII_WORD;
    }

    static CodePointSet digit(boolean unicode) {
        return unicode ? DIGIT : ASCII_DIGIT;
    }

    static CodePointSet space(boolean unicode) {
        return unicode ? SPACE : ASCII_SPACE;
    }

    /** {@code [:name:]}, or null if there is no such ASCII class. */
    static CodePointSet ascii(String name) {
        return ASCII_CLASSES.get(name);
    }

    /**
     * {@code \p{name}}: general categories, scripts and a few binary properties, names matched
     * loosely as ripgrep does (case, spaces, '_' and '-' ignored).
     *
     * @throws IllegalArgumentException for a name Quarry does not know
     */
    static CodePointSet property(String name) {
        String key = loose(name);
        CodePointSet known = PROPERTY_CACHE.get(key);
        if (known != null) {
            return known;
        }
        CodePointSet resolved = resolve(name, key);
        PROPERTY_CACHE.put(key, resolved);
        return resolved;
    }

    private static String loose(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
    }

    private static CodePointSet resolve(String name, String key) {
        for (String prefix : new String[] {"generalcategory=", "gc=", "script=", "sc="}) {
            if (key.startsWith(prefix)) {
                return resolve(name.substring(name.indexOf('=') + 1), key.substring(prefix.length()));
            }
        }
        switch (key) {
            case "any":
                return CodePointSet.ALL;
            case "ascii":
                return CodePointSet.range(0, 0x7F);
            case "alphabetic", "alpha":
                return CodePointSet.matching(Character::isAlphabetic);
            case "whitespace", "wspace", "space":
                return SPACE;
            default:
                break;
        }
        Integer category = CATEGORIES.get(key);
        if (category != null) {
            int type = category;
            return CodePointSet.matching(cp -> Character.getType(cp) == type);
        }
        String group = CATEGORY_GROUPS.get(key);
        if (group != null) {
            CodePointSet.Builder builder = new CodePointSet.Builder();
            for (String member : group.split(" ")) {
                builder.add(property(member));
            }
            return builder.build();
        }
        try {
            Character.UnicodeScript script = Character.UnicodeScript.forName(name.trim().replace(' ', '_'));
            return CodePointSet.matching(cp -> Character.UnicodeScript.of(cp) == script);
        } catch (IllegalArgumentException notAScript) {
            throw new IllegalArgumentException("unknown Unicode class \\p{" + name + "}");
        }
    }
}
