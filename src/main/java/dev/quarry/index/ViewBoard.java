package dev.quarry.index;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Node-local board where each index actor publishes its current {@link IndexView}. Searches and
 * health read it without entering any actor's mailbox, so reads never queue behind ingestion. Each
 * entry has exactly one writer: the index actor it belongs to.
 */
public final class ViewBoard {
    private final Map<String, IndexView> views = new ConcurrentHashMap<>();

    public void publish(IndexView view) {
        views.put(view.indexId(), view);
    }

    public void withdraw(String indexId) {
        views.remove(indexId);
    }

    public Optional<IndexView> get(String indexId) {
        return Optional.ofNullable(views.get(indexId));
    }

    public Collection<IndexView> all() {
        return views.values();
    }
}
