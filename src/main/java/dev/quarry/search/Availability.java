package dev.quarry.search;

import dev.quarry.index.IndexState;
import dev.quarry.index.IndexStatus;
import dev.quarry.index.IndexView;
import java.util.Optional;

/**
 * Why a published view cannot be read right now, shared by every kind of query: an index that
 * cannot answer says why, it never answers with an empty result instead.
 */
public record Availability(String state, String reason, boolean retryable) {

    /** Empty when the view can be searched. */
    public static Optional<Availability> refusal(Optional<IndexView> found) {
        if (found.isEmpty()) {
            return Optional.of(new Availability("absent", "index is not open on this node", true));
        }
        IndexView view = found.get();
        IndexStatus status = view.status();
        if (view.searchers() != null && status.searchable()) {
            return Optional.empty();
        }
        boolean retryable = status.state() != IndexState.FAILED && status.state() != IndexState.QUARANTINED;
        String reason = switch (status.state()) {
            case LOADING -> "index is loading its snapshot";
            case INDEXING -> "index is running its first walk and has nothing searchable yet";
            default -> "index is " + status.state().id() + (status.lastError() == null ? "" : ": " + status.lastError());
        };
        return Optional.of(new Availability(status.state().id(), reason, retryable));
    }
}
