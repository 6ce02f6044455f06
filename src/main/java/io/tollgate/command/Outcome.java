package io.tollgate.command;

import io.tollgate.web.JsonMapping;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * What a command came to: its result, or, for a retry of a command already done, the answer stored the first time.
 * REST answers it with {@link #response()}; the console reads {@link #result()} and {@link #replayed()}.
 */
public final class Outcome<R> {

    /** Tells a REST client whether the answer is a replay of an earlier request with the same key. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final R result;
    private final String json;
    private final boolean replayed;

    private Outcome(R result, String json, boolean replayed) {
        this.result = result;
        this.json = json;
        this.replayed = replayed;
    }

    static <R> Outcome<R> done(R result, String json) {
        return new Outcome<>(result, json, false);
    }

    static <R> Outcome<R> replay(String storedJson) {
        return new Outcome<>(null, storedJson, true);
    }

    /** The result of running the command now; empty for a replay. */
    public Optional<R> result() {
        return Optional.ofNullable(result);
    }

    public boolean replayed() {
        return replayed;
    }

    /** The answer as JSON: the result's, or the first answer's byte for byte. */
    public String json() {
        return json != null ? json : JsonMapping.toJson(result);
    }

    /** 200 with the answer's JSON, saying whether it is a replay. */
    public Response response() {
        return Response.ok(json(), MediaType.APPLICATION_JSON_TYPE).header(REPLAYED_HEADER, replayed).build();
    }
}
