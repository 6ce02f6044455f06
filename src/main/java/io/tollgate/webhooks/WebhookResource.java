package io.tollgate.webhooks;

import io.tollgate.command.Command;
import io.tollgate.command.Commands;
import io.tollgate.credits.CreditAmounts;
import io.tollgate.credits.CreditsMoved;
import io.tollgate.idempotency.IdempotentRequest;
import io.tollgate.ratelimit.RateLimited;
import io.tollgate.refusal.InvalidRequest;
import io.tollgate.security.Secrets;
import io.tollgate.security.UserIds;
import io.tollgate.web.JsonRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Payment webhooks: Pluct's shared-secret {@code /add-credits} and the signed {@code /webhooks/payments}. */
@Path("/")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WebhookResource {

    @Inject
    PaymentService payments;
    @Inject
    CreditAmounts amounts;
    @Inject
    Commands commands;
    @Inject
    @ConfigProperty(name = "tollgate.webhooks.shared-secret")
    Optional<String> sharedSecret;
    @Inject
    @ConfigProperty(name = "tollgate.webhooks.payment-secrets")
    Optional<String> paymentSecrets;
    @Inject
    @ConfigProperty(name = "tollgate.webhooks.tolerance", defaultValue = "PT5M")
    Duration tolerance;

    /** Pluct's webhook. Without a configured secret it refuses every request: it is never open. */
    @RateLimited("webhooks")
    @POST
    @Path("add-credits")
    public Response addCredits(@HeaderParam("x-webhook-secret") String presented,
                               @HeaderParam(IdempotentRequest.HEADER) String idempotencyKey, String body) {
        boolean configured = sharedSecret.filter(s -> !s.isBlank()).isPresent();
        if (!configured || !Secrets.constantTimeEquals(presented, sharedSecret.get())) {
            throw configured ? WebhooksRefused.notAuthentic("Invalid webhook secret")
                    : WebhooksRefused.disabled("tollgate.webhooks.shared-secret");
        }
        JsonRequest json = JsonRequest.of(body);
        String userId = UserIds.require(json.requiredString("userId"));
        BigDecimal amount = amounts.requirePositive("amount", json.requiredNumber("amount"));
        Optional<String> reason = json.optionalReason("reason");
        return commands.run(Command.named("POST /add-credits").idempotent(idempotencyKey, "webhook", json.canonical()),
                () -> CreditsMoved.of(payments.creditShared(userId, amount, reason, Optional.ofNullable(idempotencyKey)),
                        "Credits added successfully")).response();
    }

    /** A payment provider's signed notice. The signature covers the raw body, so the body is read as text. */
    @RateLimited("webhooks")
    @POST
    @Path("webhooks/payments")
    public Response payment(@HeaderParam(PaymentSignature.HEADER) String signature, String rawBody) {
        List<String> secrets = paymentSecrets.map(s -> Arrays.stream(s.split(",")).map(String::trim)
                .filter(x -> !x.isEmpty()).toList()).orElse(List.of());
        if (secrets.isEmpty()) {
            throw WebhooksRefused.disabled("tollgate.webhooks.payment-secrets");
        }
        PaymentSignature.problem(signature, rawBody, secrets, tolerance, Instant.now()).ifPresent(problem -> {
            throw WebhooksRefused.notAuthentic(problem);
        });
        JsonRequest json = JsonRequest.ofText(rawBody);
        PaymentNotice notice = new PaymentNotice(
                eventId(json.requiredString("eventId")),
                UserIds.require(json.requiredString("userId")),
                json.requiredNumber("amount"),
                currency(json.requiredString("currency")),
                json.optionalReason("reason"));
        String answer = payments.receive(notice, rawBody);
        return Response.ok(answer, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static String currency(String code) {
        if (!code.matches("[A-Za-z]{3}")) {
            throw InvalidRequest.invalid("currency must be a three-letter ISO 4217 code");
        }
        return code;
    }

    private static String eventId(String eventId) {
        if (eventId.isEmpty() || eventId.length() > 200) {
            throw InvalidRequest.invalid("eventId must be 1 to 200 characters");
        }
        return eventId;
    }
}
