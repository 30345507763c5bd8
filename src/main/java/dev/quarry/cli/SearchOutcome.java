package dev.quarry.cli;

import dev.quarry.api.IndexedHit;
import dev.quarry.search.SearchReply;
import java.util.List;

/**
 * A search across indexes as the CLI shows it.
 *
 * @param problems one line per index that could not answer
 * @param searched how many indexes were searched
 */
record SearchOutcome(List<IndexedHit> hits, List<String> problems, int searched) {

    static SearchOutcome of(List<SearchReply> replies, int topK) {
        List<String> problems = replies.stream().<String>mapMulti((reply, out) -> {
            switch (reply) {
                case SearchReply.Results r -> { }
                case SearchReply.Unavailable u -> out.accept(problem(u.indexId(), "unavailable", u.reason()));
                case SearchReply.Rejected r -> out.accept(problem(r.indexId(), "rejected", r.message()));
            }
        }).toList();
        return new SearchOutcome(IndexedHit.merge(replies, topK), problems, replies.size());
    }

    static String problem(String index, String status, String reason) {
        return status.equals("unavailable") ? index + ": unavailable (" + reason + ")" : index + ": " + reason;
    }
}
