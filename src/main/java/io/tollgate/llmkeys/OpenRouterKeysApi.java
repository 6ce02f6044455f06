package io.tollgate.llmkeys;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * OpenRouter's key management API as a MicroProfile REST Client. Answers stay JSON objects so that amounts are
 * read from the JSON text as exact decimals ({@link KeyObservation}).
 */
@Path("/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface OpenRouterKeysApi {

    @POST
    JsonObject create(JsonObject key);

    @GET
    JsonObject list(@QueryParam("offset") int offset, @QueryParam("include_disabled") boolean includeDisabled);

    @GET
    @Path("/{hash}")
    JsonObject get(@PathParam("hash") String hash);

    @PATCH
    @Path("/{hash}")
    JsonObject update(@PathParam("hash") String hash, JsonObject changes);

    @DELETE
    @Path("/{hash}")
    JsonObject delete(@PathParam("hash") String hash);
}
