package dev.quarry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.index.lucene.CodeAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryAnalysisTest {
    private final QueryAnalysis analysis = new QueryAnalysis(CodeAnalyzer.create(), CodeAnalyzer.stemmed(), 6);

    @Test
    void groupsIdentifierPartsUnderTheirWholeWord() {
        assertEquals(List.of(
                        new QueryWord(List.of("parses"), List.of("pars"), 1),
                        new QueryWord(List.of("httpheaders", "http", "headers"), List.of("http", "header"), 1)),
                analysis.words("Parses HTTPHeaders"));
    }

    @Test
    void countsRepeatedWordsOnce() {
        assertEquals(List.of(new QueryWord(List.of("suffix"), List.of("suffix"), 3),
                        new QueryWord(List.of("end"), List.of("end"), 1)),
                analysis.words("suffix end Suffix SUFFIX"));
    }

    @Test
    void capsTheNumberOfParts() {
        List<QueryWord> words = analysis.words("one two threeFourFive sixSevenEight nine");
        assertEquals(List.of("one", "two", "threefourfive", "sixseveneight"),
                words.stream().map(QueryWord::whole).toList());
        assertEquals(List.of("six"), words.get(3).parts());
        assertEquals(6, words.stream().mapToInt(word -> word.parts().size()).sum());
    }

    @Test
    void stopWordsGoUnlessNothingElseIsLeft() {
        assertEquals(List.of("string", "isnotempty"),
                StopWords.remove(analysis.words("the string is isNotEmpty")).stream().map(QueryWord::whole).toList());
        assertEquals(List.of("to", "be", "or"),
                StopWords.remove(analysis.words("to be or")).stream().map(QueryWord::whole).toList());
    }
}
