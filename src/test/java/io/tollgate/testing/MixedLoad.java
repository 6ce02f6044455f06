package io.tollgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A client's mixed traffic against one server or several behind no balancer: credits with {@code Idempotency-Key},
 * vends, partner credits, signed payments and {@code /api/key}, from {@link #CLIENTS} parallel clients. Each
 * request goes to the next server in turn, and each retry of it to the server after the one that last had it. Then
 * checks, from the database, that every operation answered 2xx is in the ledger once and nothing else was applied.
 */
public final class MixedLoad {

    public static final int CLIENTS = 8;

    private final List<Api> servers;
    private final Database database;
    private final List<String> users;
    private final String partnerKey;
    private final String admin;
    private final TokenMinter tokens = TestEnvironment.tokens();
    private final List<Op> ops = Collections.synchronizedList(new ArrayList<>());
    private final Random random = new Random(42);

    public MixedLoad(List<Api> servers, Database database, List<String> users, String partnerKey, String admin) {
        this.servers = servers;
        this.database = database;
        this.users = users;
        this.partnerKey = partnerKey;
        this.admin = admin;
    }

    /** Runs the load for {@code length}; after {@code faultAfter}, {@code fault} runs while the load goes on. */
    public void runFor(Duration length, Duration faultAfter, ThrowingRunnable fault) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicBoolean running = new AtomicBoolean(true);
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                while (running.get()) {
                    Op op = next();
                    ops.add(op);
                    op.send();
                    if (op.status < 0) {
                        pause(100); // the server is gone: keep offering load without spinning
                    }
                }
            });
        }
        pause(faultAfter.toMillis());
        fault.run();
        pause(Math.max(0, length.minus(faultAfter).toMillis()));
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
    }

    /** The operations that got no answer or a 503, each retried until answered; how many there were. */
    public int retryUnanswered() {
        List<Op> unanswered = ops().stream().filter(op -> op.status < 0 || op.status == 503).toList();
        unanswered.forEach(Op::retryUntilAnswered);
        return unanswered.size();
    }

    public List<Op> ops() {
        synchronized (ops) {
            return List.copyOf(ops);
        }
    }

    public Map<Integer, Long> statuses() {
        return ops().stream().collect(Collectors.groupingBy(op -> op.status, Collectors.counting()));
    }

    private synchronized Op next() {
        String user = users.get(random.nextInt(users.size()));
        String amount = BigDecimal.valueOf(1 + random.nextInt(300), 2).toPlainString();
        int index = ops.size();
        return switch (random.nextInt(5)) {
            case 0 -> new Op(index, "credit", user, "{\"userId\":\"" + user + "\",\"amount\":" + amount + "}");
            case 1 -> new Op(index, "vend", user, "{}");
            case 2 -> new Op(index, "partner", user, "{\"userId\":\"" + user + "\",\"amount\":" + amount + "}");
            case 3 -> new Op(index, "payment", user, PaymentProvider.notice(UUID.randomUUID().toString(), user,
                    amount, "USD"));
            default -> new Op(index, "apikey", user, "");
        };
    }

    /** Every 2xx once in the ledger, every refusal nowhere, every balance the sum of its entries, tokens valid. */
    public void assertExactlyOnce() {
        for (Op op : ops()) {
            if (op.kind.equals("apikey")) {
                continue;
            }
            long entries = number("SELECT COUNT(*) FROM ledger_entry WHERE idempotency_key = ?", op.ledgerKey())
                    .longValue();
            assertEquals(op.status / 100 == 2 ? 1 : 0, entries, op.kind + " " + op.status + " " + op.answer);
            if (op.kind.equals("vend") && op.status == 200) {
                String token = jakarta.json.Json.createReader(new StringReader(op.answer)).readObject()
                        .getString("token");
                Api validator = servers.get(op.index % servers.size());
                assertTrue(validator.post("/validate-token", "{\"token\":\"" + token + "\"}").send().json()
                        .getBoolean("valid"), "a vended token stays valid");
            }
        }
        for (String user : users) {
            assertEquals(1, number("SELECT COUNT(*) FROM account a WHERE user_id = ?"
                    + " AND balance = (SELECT SUM(amount) FROM ledger_entry WHERE account_id = a.user_id)"
                    + " AND held = (SELECT SUM(held_change) FROM ledger_entry WHERE account_id = a.user_id)"
                    + " AND balance >= 0", user).intValue(),
                    user + ": balance and held are the sums of their entries, and nothing is overdrawn");
        }
    }

    /**
     * Sends every answered operation once more, to a server that has not had it: an idempotent request replays its
     * first answer there, a payment event already credited is acknowledged and not credited again.
     */
    public int assertRetriesElsewhereApplyNothing() {
        int retried = 0;
        for (Op op : ops()) {
            if (op.kind.equals("apikey") || op.status / 100 != 2) {
                continue;
            }
            String first = op.answer;
            op.send();
            assertEquals(200, op.status, op.kind + " retried elsewhere: " + op.answer);
            if (!op.kind.equals("payment")) {
                assertEquals(first, op.answer, op.kind + " retried elsewhere replays the first answer");
            }
            retried++;
        }
        return retried;
    }

    /** One request of the load, with what it was last answered (-1: no answer, the connection failed). */
    public final class Op {
        final int index;
        final String kind;
        final String user;
        final String key = UUID.randomUUID().toString();
        final String body;
        volatile int attempts;
        volatile int status = -1;
        volatile String answer = "";

        Op(int index, String kind, String user, String body) {
            this.index = index;
            this.kind = kind;
            this.user = user;
            this.body = body;
        }

        void send() {
            Api api = servers.get((index + attempts++) % servers.size());
            Api.Call call = switch (kind) {
                case "credit" -> api.post("/admin/credits/add", body).bearer(admin).idempotencyKey(key);
                case "vend" -> api.post("/vend-token", "{}").bearer(tokens.user(user)).idempotencyKey(key);
                case "partner" -> api.post("/v1/credits/add", body).header("X-API-Key", partnerKey).idempotencyKey(key);
                case "payment" -> api.post("/webhooks/payments", body).header("Tollgate-Signature",
                        PaymentProvider.sign(body, Instant.now(), TestEnvironment.paymentSecrets().get(0)));
                default -> api.post("/api/key", "").bearer(tokens.user(user));
            };
            try {
                Api.Reply reply = call.send();
                answer = reply.body();
                status = reply.status();
            } catch (RuntimeException connectionFailed) {
                status = -1;
            }
        }

        void retryUntilAnswered() {
            for (int attempt = 0; attempt < 120 && (status < 0 || status == 503); attempt++) {
                send();
                if (status < 0 || status == 503) {
                    pause(500);
                }
            }
            assertTrue(status >= 200 && status != 503, kind + " never answered: " + status + " " + answer);
        }

        /** How the ledger finds what this operation applied. */
        String ledgerKey() {
            return kind.equals("payment") ? eventId() : key;
        }

        private String eventId() {
            return body.substring(body.indexOf("\"eventId\":\"") + 11, body.indexOf("\",\"userId\""));
        }
    }

    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    private BigDecimal number(String query, String parameter) {
        return database.queryNumber(query, parameter);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
