package io.tollgate.web;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of a listing and the cursor of the next, if there is one. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    /**
     * Builds a page from up to {@code limit + 1} rows: the extra row only tells that more follow.
     */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, String> key) {
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, Optional.of(PageRequest.encode(key.apply(items.get(limit - 1)))));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
