package io.tollgate.partners;

import io.tollgate.credits.CreditAmounts;
import io.tollgate.refusal.InvalidRequest;
import io.tollgate.security.Caller;
import io.tollgate.security.Identity;
import io.tollgate.security.PartnerScopes;
import io.tollgate.web.JsonRequest;
import io.tollgate.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Pluct's API-key administration, with scopes, limits and rotation. Admins only. */
@Path("/admin/api-keys")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class PartnerKeyResource {

    @Inject
    Caller caller;
    @Inject
    PartnerKeyService keys;
    @Inject
    CreditAmounts amounts;
    @Inject
    PartnerKeyAdministration administration;

    @POST
    @Path("/create")
    public KeyIssued create(String body) {
        Identity admin = caller.admin();
        JsonRequest json = JsonRequest.ofOptional(body);
        Set<String> scopes = new LinkedHashSet<>(json.optionalStrings("scopes").orElse(
                java.util.List.copyOf(PartnerScopes.DEFAULT)));
        if (scopes.isEmpty() || !PartnerScopes.ALL.containsAll(scopes)) {
            throw InvalidRequest.invalid("scopes must be a non-empty subset of " + PartnerScopes.ALL);
        }
        JsonRequest limits = json.optionalObject("limits");
        PartnerKey.Limits keyLimits = new PartnerKey.Limits(
                limits.optionalNumber("perCall").map(n -> amounts.requirePositive("limits.perCall", n)),
                limits.optionalNumber("perDay").map(n -> amounts.requirePositiveUnbounded("limits.perDay", n)));
        Optional<String> description = json.optionalText("description", PartnerKey.MAX_DESCRIPTION);
        return KeyIssued.of("API key created", administration.create(admin, description, scopes, keyLimits));
    }

    /** Pluct answered a bare array; it stays one, and the next page is announced in {@code X-Next-Cursor}. */
    @GET
    public Response list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                         @Context UriInfo uri) {
        caller.admin();
        return keys.list(PageRequest.of(limit, cursor)).asArray(uri);
    }

    @POST
    @Path("/{id}/revoke")
    public KeyRevoked revoke(@PathParam("id") String id) {
        return new KeyRevoked("API key revoked", administration.revoke(caller.admin(), id).id());
    }

    @POST
    @Path("/{id}/rotate")
    public KeyIssued rotate(@PathParam("id") String id) {
        return KeyIssued.of("API key rotated; the previous secret works until previousKeyValidUntil",
                administration.rotate(caller.admin(), id));
    }

    @JsonbPropertyOrder({"message", "apiKey", "id", "prefix", "scopes", "previousKeyValidUntil"})
    public record KeyIssued(String message, String apiKey, String id, String prefix, Set<String> scopes,
                            Instant previousKeyValidUntil) {
        static KeyIssued of(String message, PartnerKeyService.IssuedKey issued) {
            return new KeyIssued(message, issued.secret(), issued.key().id(), issued.key().prefix(),
                    issued.key().scopes(), issued.previousSecretValidUntil().orElse(null));
        }
    }

    public record KeyRevoked(String message, String id) {
    }
}
