package io.tollgate.credits;

import io.tollgate.credits.AccountAdministration;
import io.tollgate.credits.AccountJson;
import io.tollgate.credits.Accounts;
import io.tollgate.credits.CreditAmounts;
import io.tollgate.credits.EntryType;
import io.tollgate.credits.Ledger;
import io.tollgate.credits.Posting;
import io.tollgate.credits.TransactionsJson;
import io.tollgate.idempotency.IdempotentRequest;
import io.tollgate.ratelimit.RateLimited;
import io.tollgate.refusal.InvalidRequest;
import io.tollgate.security.Caller;
import io.tollgate.security.Identity;
import io.tollgate.security.UserIds;
import io.tollgate.web.JsonRequest;
import io.tollgate.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.util.Optional;

/** Pluct's admin API for accounts and their credits, hardened: every call needs an admin; listings are paginated. */
@Path("/admin")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminAccountResource {


    @Inject
    Caller caller;
    @Inject
    Accounts accounts;
    @Inject
    Ledger ledger;
    @Inject
    CreditAmounts amounts;
    @Inject
    AccountAdministration administration;

    /** Pluct answered a bare array; it stays one, and the next page is announced in headers. */
    @GET
    @Path("/users")
    public Response users(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                          @Context UriInfo uri) {
        caller.admin();
        return accounts.summaries(PageRequest.of(limit, cursor)).asArray(uri);
    }

    @GET
    @Path("/transactions")
    public TransactionsJson transactions(@QueryParam("userId") String userId, @QueryParam("type") String type,
                                         @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        caller.admin();
        Optional<String> user = Optional.ofNullable(userId).map(UserIds::require);
        Optional<EntryType> entryType = Optional.ofNullable(type).map(AdminAccountResource::entryType);
        return TransactionsJson.of(userId, ledger.history(user, entryType, PageRequest.of(limit, cursor)));
    }

    @RateLimited("crediting")
    @POST
    @Path("/credits/add")
    public Response addCredits(@HeaderParam(IdempotentRequest.HEADER) String idempotencyKey, String body) {
        return move(Posting.Direction.CREDIT, "POST /admin/credits/add", idempotencyKey, body);
    }

    /** Corrects a balance downwards (an {@code adjustment} entry); never below what is held for keys. */
    @RateLimited("crediting")
    @POST
    @Path("/credits/deduct")
    public Response deductCredits(@HeaderParam(IdempotentRequest.HEADER) String idempotencyKey, String body) {
        return move(Posting.Direction.DEBIT, "POST /admin/credits/deduct", idempotencyKey, body);
    }

    /**
     * Forgives a debt, all of it unless {@code amount} says less; {@code reason} is required: the only way a debt
     * ends other than by payment, and it is in the ledger as a {@code debt_write_off} entry.
     */
    @RateLimited("crediting")
    @POST
    @Path("/users/{userId}/debt/write-off")
    public Response writeOffDebt(@PathParam("userId") String userId,
                                 @HeaderParam(IdempotentRequest.HEADER) String idempotencyKey, String body) {
        Identity admin = caller.admin();
        UserIds.require(userId);
        JsonRequest json = JsonRequest.of(body);
        Optional<BigDecimal> amount = json.optionalNumber("amount").map(a -> amounts.requirePositive("amount", a));
        String reason = json.optionalReason("reason")
                .orElseThrow(() -> InvalidRequest.invalid("reason is required to write off a debt"));
        return administration.writeOffDebt(admin, userId, amount, reason, Optional.ofNullable(idempotencyKey),
                json.canonical()).response();
    }

    @POST
    @Path("/users/{userId}/block")
    public AccountJson.StatusChanged block(@PathParam("userId") String userId, String body) {
        Identity admin = caller.admin();
        UserIds.require(userId);
        return AccountJson.StatusChanged.of(administration.block(admin, userId,
                JsonRequest.ofOptional(body).optionalReason("reason")));
    }

    @POST
    @Path("/users/{userId}/unblock")
    public AccountJson.StatusChanged unblock(@PathParam("userId") String userId, String body) {
        Identity admin = caller.admin();
        UserIds.require(userId);
        return AccountJson.StatusChanged.of(administration.unblock(admin, userId,
                JsonRequest.ofOptional(body).optionalReason("reason")));
    }

    private Response move(Posting.Direction direction, String operation, String idempotencyKey, String body) {
        Identity admin = caller.admin();
        JsonRequest json = JsonRequest.of(body);
        return administration.move(admin, new AccountAdministration.Movement(direction,
                UserIds.require(json.requiredString("userId")),
                amounts.requirePositive("amount", json.requiredNumber("amount")), json.optionalReason("reason"),
                Optional.ofNullable(idempotencyKey), operation, json.canonical())).response();
    }

    private static EntryType entryType(String code) {
        try {
            return EntryType.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.invalid("type must be one of " + java.util.Arrays.stream(EntryType.values())
                    .map(EntryType::code).collect(java.util.stream.Collectors.joining(", ")));
        }
    }
}
