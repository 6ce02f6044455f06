package io.tollgate.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of a listing and the cursor of the next, if there is one. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    public static final String NEXT_CURSOR_HEADER = "X-Next-Cursor";

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

    /**
     * The page as a bare JSON array (the shape Pluct's admin listings had), the next page announced in
     * {@code X-Next-Cursor} and a {@code Link: <...>; rel="next"} header.
     */
    public Response asArray(UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(items);
        nextCursor.ifPresent(next -> response
                .header(NEXT_CURSOR_HEADER, next)
                .link(uri.getRequestUriBuilder().replaceQueryParam("cursor", next).build(), "next"));
        return response.build();
    }
}
