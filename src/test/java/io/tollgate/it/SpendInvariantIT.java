package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.openrouter.FakeOpenRouter;
import io.tollgate.testing.Api;
import io.tollgate.testing.Reconciliation;
import io.tollgate.testing.StandaloneTollgate;
import io.tollgate.testing.TestEnvironment;
import io.tollgate.testing.TokenMinter;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The spend invariant of issue 9, over random interleavings: concurrent {@code /api/key} calls, usage at OpenRouter
 * (overshoots and usage in flight on retired keys included), vends, top-ups retried with their
 * {@code Idempotency-Key}, deductions, revocations, reconciliations, a connection dropped between "created at
 * OpenRouter" and "saved", and OpenRouter answering 429 or 500. After each sequence and a final reconciliation,
 * exactly: balance = credits granted − credits bought − Σ OpenRouter usage × rate + debt still owed; available ≥ 0;
 * what the user's usable keys may still spend is held; at most one usable key; no key at OpenRouter without a record;
 * no debt lost.
 * <p>
 * jqwik is its own test engine, outside Arquillian: this runs against {@link StandaloneTollgate}, the built WAR on a
 * Payara Micro of its own, on the test database and OpenRouter stand-in, with keys observed on every call and
 * settled at once.
 */
class SpendInvariantIT {

    private static final BigDecimal TOKEN_COST = BigDecimal.ONE; // the "access" scope of TestEnvironment.SCOPES

    private static final FakeOpenRouter openRouter = TestEnvironment.openRouter();
    private static final TokenMinter tokens = TestEnvironment.tokens();
    private static Api api;

    @BeforeContainer
    static void startServer() {
        api = StandaloneTollgate.api();
    }

    @Property(tries = 30)
    void theSpendInvariantHoldsAfterAnyInterleaving(@ForAll("initialCredits") BigDecimal initialCredits,
                                                    @ForAll("scenarios") List<Step> steps) throws Exception {
        User user = new User(initialCredits);
        try {
            for (Step step : steps) {
                step.run(user);
                openRouter.behave();
            }
        } finally {
            openRouter.behave();
        }
        Reconciliation.runNow(api, tokens.admin("ops@example.com"));
        user.assertSpendInvariant();
    }

    // ---- the generators -----------------------------------------------------------------------------------------

    @Provide
    Arbitrary<BigDecimal> initialCredits() {
        // Mostly users who can afford a key; now and then one who cannot.
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(BigDecimal.ZERO)),
                net.jqwik.api.Tuple.of(6, Arbitraries.bigDecimals().between(new BigDecimal("0.2"), new BigDecimal("4"))
                        .ofScale(2)));
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<BigDecimal> usd = Arbitraries.bigDecimals().between(new BigDecimal("0.0001"), new BigDecimal("1.6"))
                .ofScale(4);
        Arbitrary<BigDecimal> credits = Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("3"))
                .ofScale(2);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(1, 4).map(ApiKeys::new)),
                net.jqwik.api.Tuple.of(5, Combinators.combine(Arbitraries.integers().between(0, 3), usd).as(Usage::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 3).map(Vends::new)),
                net.jqwik.api.Tuple.of(2, credits.map(TopUp::new)),
                net.jqwik.api.Tuple.of(1, credits.map(Deduct::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new Reconcile())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Revoke())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new CrashAfterCreate())),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of(429, 500), Arbitraries.integers().between(1, 3))
                        .as(Fault::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(0, 2), credits).as(Burst::new)));
        return step.list().ofMinSize(3).ofMaxSize(12);
    }

    // ---- the steps ----------------------------------------------------------------------------------------------

    sealed interface Step permits ApiKeys, Usage, Vends, TopUp, Deduct, Reconcile, Revoke, CrashAfterCreate, Fault,
            Burst {
        void run(User user) throws Exception;
    }

    /** Concurrent {@code POST /api/key} calls. */
    record ApiKeys(int calls) implements Step {
        public void run(User user) {
            user.join(user.apiKeys(calls));
        }
    }

    /** Usage at OpenRouter on one of the user's keys (retired ones too: requests in flight), beyond limits too. */
    record Usage(int keyIndex, BigDecimal usd) implements Step {
        public void run(User user) {
            List<FakeOpenRouter.FakeKey> keys = openRouter.keysNamed(user.id);
            if (!keys.isEmpty()) {
                openRouter.addUsage(keys.get(keyIndex % keys.size()).hash, usd);
            }
        }
    }

    record Vends(int calls) implements Step {
        public void run(User user) {
            user.join(user.vends(calls));
        }
    }

    /** An admin's top-up, sent twice with one {@code Idempotency-Key}: it must count once. */
    record TopUp(BigDecimal amount) implements Step {
        public void run(User user) {
            String key = UUID.randomUUID().toString();
            user.join(List.of(user.topUp(amount, key), user.topUp(amount, key)));
        }
    }

    record Deduct(BigDecimal amount) implements Step {
        public void run(User user) {
            Api.Reply reply = api.post("/admin/credits/deduct", "{\"userId\":\"" + user.id + "\",\"amount\":" + amount
                    + "}").bearer(tokens.admin("ops@example.com")).send();
            if (reply.status() == 200) {
                user.bought = user.bought.add(amount);
            } else {
                assertEquals(402, reply.status(), reply::toString);
            }
        }
    }

    record Reconcile() implements Step {
        public void run(User user) {
            Reconciliation.runNow(api, tokens.admin("ops@example.com"));
        }
    }

    record Revoke() implements Step {
        public void run(User user) {
            Api.Reply reply = api.post("/admin/llm-keys/" + user.id + "/revoke", "")
                    .bearer(tokens.admin("ops@example.com")).send();
            assertTrue(reply.status() == 200 || reply.status() == 503, reply::toString);
        }
    }

    /** The key is created at OpenRouter, then the connection drops before Tollgate hears of it. */
    record CrashAfterCreate() implements Step {
        public void run(User user) {
            openRouter.dropConnectionAfterNextCreate();
            user.join(user.apiKeys(1));
        }
    }

    record Fault(int status, int times) implements Step {
        public void run(User user) {
            openRouter.failNext(status, times);
            user.join(user.apiKeys(1));
        }
    }

    /** {@code /api/key} calls, vends and a top-up, all at once. */
    record Burst(int apiKeys, int vends, BigDecimal topUp) implements Step {
        public void run(User user) {
            List<CompletableFuture<Api.Reply>> calls = new ArrayList<>(user.apiKeys(apiKeys));
            calls.addAll(user.vends(vends));
            calls.add(user.topUp(topUp, UUID.randomUUID().toString()));
            user.join(calls);
        }
    }

    // ---- one user's account, as the test expects it ---------------------------------------------------------------

    static final class User {
        final String id = "spend-" + UUID.randomUUID();
        BigDecimal granted;
        BigDecimal bought = BigDecimal.ZERO;
        private final List<String> creditedKeys = new ArrayList<>();

        User(BigDecimal initialCredits) {
            granted = initialCredits;
            Api.Reply created = api.post("/user/create", "{\"userId\":\"" + id + "\",\"initialCredits\":"
                    + initialCredits + "}").bearer(tokens.admin("ops@example.com")).send();
            assertEquals(200, created.status(), created::toString);
        }

        List<CompletableFuture<Api.Reply>> apiKeys(int calls) {
            List<CompletableFuture<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                replies.add(api.post("/api/key", "").bearer(tokens.user(id)).sendAsync().thenApply(reply -> {
                    assertTrue(List.of(200, 402, 503).contains(reply.status()), reply::toString);
                    return reply;
                }));
            }
            return replies;
        }

        List<CompletableFuture<Api.Reply>> vends(int calls) {
            List<CompletableFuture<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                replies.add(api.post("/vend-token", "{}").bearer(tokens.user(id)).sendAsync().thenApply(reply -> {
                    if (reply.status() == 200) {
                        synchronized (this) {
                            bought = bought.add(TOKEN_COST);
                        }
                    } else {
                        assertEquals(402, reply.status(), reply::toString);
                    }
                    return reply;
                }));
            }
            return replies;
        }

        CompletableFuture<Api.Reply> topUp(BigDecimal amount, String idempotencyKey) {
            return api.post("/admin/credits/add", "{\"userId\":\"" + id + "\",\"amount\":" + amount + "}")
                    .bearer(tokens.admin("ops@example.com")).idempotencyKey(idempotencyKey).sendAsync()
                    .thenApply(reply -> {
                        assertEquals(200, reply.status(), reply::toString);
                        synchronized (this) {
                            if (!creditedKeys.contains(idempotencyKey)) {
                                creditedKeys.add(idempotencyKey);
                                granted = granted.add(amount);
                            }
                        }
                        return reply;
                    });
        }

        void join(List<CompletableFuture<Api.Reply>> calls) {
            calls.forEach(CompletableFuture::join);
        }

        void assertSpendInvariant() throws Exception {
            JsonObject answer = api.get("/user/" + id + "/balance").bearer(tokens.admin("ops@example.com")).send().json();
            BigDecimal balance = answer.getJsonNumber("balance").bigDecimalValue();
            BigDecimal held = answer.getJsonNumber("held").bigDecimalValue();
            BigDecimal owed = answer.getJsonNumber("owed").bigDecimalValue();
            BigDecimal usage = openRouter.totalUsageOfKeysNamed(id);
            // What the sequences reached, in jqwik's report: the property is only as good as what it exercised.
            Statistics.label("keys created at OpenRouter").collect(openRouter.createCalls(id));
            Statistics.label("ended owing").collect(owed.signum() > 0);
            Statistics.label("ended with credits held").collect(held.signum() > 0);
            assertEquals(0, granted.subtract(bought).subtract(usage).add(owed).compareTo(balance),
                    "balance " + balance + " = granted " + granted + " - bought " + bought + " - usage " + usage
                            + " + owed " + owed);
            assertTrue(balance.compareTo(held) >= 0, "available is never negative: " + answer);
            List<FakeOpenRouter.FakeKey> usable = openRouter.keysNamed(id).stream().filter(k -> !k.disabled).toList();
            assertTrue(usable.size() <= 1, usable.size() + " usable keys");
            BigDecimal spendable = usable.stream().map(k -> k.limit.subtract(k.usage).max(BigDecimal.ZERO))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertTrue(spendable.compareTo(held) <= 0, "usable keys may spend " + spendable + " but " + held + " is held");
            for (FakeOpenRouter.FakeKey key : openRouter.keysNamed(id)) {
                assertEquals(1, count("SELECT COUNT(*) FROM llm_key WHERE openrouter_hash = ? AND state <> 'deleted'",
                        key.hash), "key " + key.name + " lives at OpenRouter without a record");
            }
            assertEquals(1, count("SELECT COUNT(*) FROM account a WHERE user_id = ?"
                    + " AND balance = (SELECT SUM(amount) FROM ledger_entry WHERE account_id = a.user_id)"
                    + " AND held = (SELECT SUM(held_change) FROM ledger_entry WHERE account_id = a.user_id)"
                    + " AND owed = (SELECT SUM(owed_change) FROM ledger_entry WHERE account_id = a.user_id)", id),
                    "balance, held and owed are the sums of their entries: no debt lost");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------


    private static long count(String query, String parameter) {
        return TestEnvironment.database().queryNumber(query, parameter).longValue();
    }
}
