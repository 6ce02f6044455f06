package io.tollgate.llmkeys;

import io.tollgate.observability.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Tollgate's client of OpenRouter's key management API. Every call has a timeout (5 s unless a method says
 * otherwise) and a circuit breaker (one per operation); only calls that cannot create a second key are retried
 * (a create is never retried: a lost answer is found later by its name). 429, 5xx, timeouts and network faults
 * surface as {@link OpenRouterUnavailable}.
 */
@ApplicationScoped
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
        failOn = OpenRouterUnavailable.class)
public class OpenRouter {

    /** Names of keys Tollgate creates start with this, so orphans can be recognised. */
    public static final String NAME_PREFIX = "tollgate:";
    private static final int PAGE = 100;

    @Inject
    OpenRouterSettings settings;
    @Inject
    Metrics metrics;

    private OpenRouterKeysApi api;

    @PostConstruct
    void connect() {
        String bearer = "Bearer " + settings.managementKey();
        api = RestClientBuilder.newBuilder()
                .baseUri(URI.create(settings.baseUrl()))
                // Jersey's default connector (HttpURLConnection) refuses PATCH without this; others ignore it.
                .property("jersey.config.client.httpUrlConnection.setMethodWorkaround", true)
                .connectTimeout(3, TimeUnit.SECONDS)
                .readTimeout(10, TimeUnit.SECONDS)
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle("Authorization", bearer))
                .build(OpenRouterKeysApi.class);
    }

    /** Creates a key; answers the key itself (shown by OpenRouter only here) and its first observation. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public CreatedKey create(String name, BigDecimal limitUsd, Instant expiresAt) {
        JsonObject body = Json.createObjectBuilder()
                .add("name", name)
                .add("limit", limitUsd)
                .add("include_byok_in_limit", false)
                .add("expires_at", expiresAt.truncatedTo(ChronoUnit.SECONDS).toString())
                .build();
        JsonObject created = call("create", () -> api.create(body));
        return new CreatedKey(created.getString("key"), KeyObservation.of(created.getJsonObject("data")));
    }

    /** Empty when OpenRouter no longer has the key. */
    @Retry(maxRetries = 2, delay = 200, retryOn = OpenRouterUnavailable.class)
    public Optional<KeyObservation> get(String hash) {
        return callOrNotFound("get", () -> KeyObservation.of(api.get(hash).getJsonObject("data")));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = OpenRouterUnavailable.class)
    public Optional<KeyObservation> disable(String hash) {
        return callOrNotFound("disable", () -> KeyObservation.of(api.update(hash, Json.createObjectBuilder()
                .add("disabled", true).build()).getJsonObject("data")));
    }

    /** Sets the key's spend limit (a PATCH replaces the limit and never resets usage, so repeating it is safe). */
    @Retry(maxRetries = 2, delay = 200, retryOn = OpenRouterUnavailable.class)
    public Optional<KeyObservation> setLimit(String hash, BigDecimal limitUsd) {
        return callOrNotFound("set-limit", () -> KeyObservation.of(api.update(hash, Json.createObjectBuilder()
                .add("limit", limitUsd).build()).getJsonObject("data")));
    }

    /** Deletes the key; a key OpenRouter no longer has counts as deleted. */
    @Retry(maxRetries = 2, delay = 200, retryOn = OpenRouterUnavailable.class)
    public void delete(String hash) {
        callOrNotFound("delete", () -> api.delete(hash));
    }

    /** Every key, disabled ones included, following {@code offset} 100 at a time. */
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, retryOn = OpenRouterUnavailable.class)
    public List<KeyObservation> listAll() {
        List<KeyObservation> keys = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            int from = offset;
            JsonArray page = call("list", () -> api.list(from, true)).getJsonArray("data");
            page.forEach(key -> keys.add(KeyObservation.of(key.asJsonObject())));
            if (page.size() < PAGE) {
                return keys;
            }
        }
    }

    /** One HTTP call, timed per operation and outcome ({@code ok}, {@code not-found}, {@code http-429}, ...). */
    private <T> Optional<T> callOrNotFound(String operation, Supplier<T> request) {
        long start = System.nanoTime();
        String outcome = "unreachable";
        try {
            T answer = request.get();
            outcome = "ok";
            return Optional.of(answer);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            outcome = status == 404 ? "not-found" : "http-" + status;
            if (status == 404) {
                return Optional.empty();
            }
            throw unavailable(e);
        } catch (ProcessingException e) {
            throw unavailable(e);
        } finally {
            metrics.openRouterCall(operation, outcome, System.nanoTime() - start);
        }
    }

    /** A call whose 404 is a failure too (a listing, a creation). */
    private <T> T call(String operation, Supplier<T> request) {
        return callOrNotFound(operation, request)
                .orElseThrow(() -> new OpenRouterUnavailable("OpenRouter answered 404", null));
    }

    private static OpenRouterUnavailable unavailable(RuntimeException cause) {
        String what = cause instanceof WebApplicationException web ? "OpenRouter answered " + web.getResponse().getStatus()
                : "OpenRouter could not be reached";
        return new OpenRouterUnavailable(what, cause);
    }

    /** A key as created: the secret, shown once, and what OpenRouter reported of it. */
    public record CreatedKey(String key, KeyObservation observation) {
    }
}
