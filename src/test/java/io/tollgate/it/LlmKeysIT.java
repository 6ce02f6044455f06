package io.tollgate.it;

import static io.tollgate.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.llmkeys.LlmKeyReconciliation;
import io.tollgate.openrouter.FakeOpenRouter;
import io.tollgate.testing.Api;
import io.tollgate.testing.Database;
import io.tollgate.testing.DeployedTollgate;
import io.tollgate.testing.Reconciliation;
import io.tollgate.testing.TestEnvironment;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-user OpenRouter keys against the stateful OpenRouter stand-in. Each Puku defect of seed-api.md is
 * reproduced and shown fixed; after every scenario the spend invariant holds: the credits charged equal the
 * users' total OpenRouter usage times the rate (1 credit per USD), and no key lives at OpenRouter without a
 * live record.
 */
class LlmKeysIT extends DeployedTollgate {

    private final FakeOpenRouter openRouter = TestEnvironment.openRouter();
    private final List<String> users = new java.util.ArrayList<>();

    // ---- the endpoint -----------------------------------------------------------------------------------------

    @Test
    void aUserGetsOneKeyAndTheSameKeyAgainWithoutAskingOpenRouter() {
        String userId = user("first");
        JsonObject first = apiKey(userId);
        assertTrue(first.getBoolean("success"));
        JsonObject data = first.getJsonObject("data");
        assertTrue(data.getString("key").startsWith("sk-or-v1-"));
        assertEquals(new BigDecimal("10"), number(data, "remaining_credits"));
        assertEquals(new BigDecimal("10"), number(data, "total_credits"));
        assertEquals(new BigDecimal("1"), number(data, "daily_limit"));

        int creates = openRouter.createCalls();
        assertEquals(data.getString("key"), apiKey(userId).getJsonObject("data").getString("key"));
        assertEquals(creates, openRouter.createCalls(), "a healthy key is reused");
        FakeOpenRouter.FakeKey atOpenRouter = openRouter.keysNamed(userId).get(0);
        assertTrue(atOpenRouter.name.startsWith("tollgate:" + userId + ":"));
        assertEquals(0, new BigDecimal("1").compareTo(atOpenRouter.limit));
        assertNotNull(atOpenRouter.expiresAt, "forgotten keys die at OpenRouter too");
    }

    @Test
    void pukuDefect8_theKeyIsStoredSealedNeverInClearText() throws Exception {
        String userId = user("sealed");
        String key = apiKey(userId).getJsonObject("data").getString("key");
        Database db = TestEnvironment.database();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement sql = c.prepareStatement("SELECT * FROM llm_key WHERE account_id = ?")) {
            sql.setString(1, userId);
            try (ResultSet row = sql.executeQuery()) {
                assertTrue(row.next());
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    assertFalse(String.valueOf(row.getObject(column)).contains(key.substring(9)),
                            row.getMetaData().getColumnName(column) + " holds the key");
                }
            }
        }
    }

    @Test
    void pukuDefect8_healthyKeysAreAnsweredWithoutOpenRouterAndCallsAreRateLimited() {
        String userId = user("quiet");
        apiKey(userId);
        String hash = openRouter.keysNamed(userId).get(0).hash;
        int before = openRouter.requestsFor(hash);
        for (int i = 0; i < 5; i++) {
            apiKey(userId);
        }
        assertEquals(before, openRouter.requestsFor(hash), "a freshly observed key needs no call to OpenRouter");
        Api.Reply last = null;
        for (int i = 0; i <= TestEnvironment.VENDING_LIMIT_PER_MINUTE && (last == null || last.status() == 200); i++) {
            last = api().post("/api/key", "").bearer(userToken(userId)).send();
        }
        assertProblem(last, 429, "rate-limited");
        assertNotNull(last.header("Retry-After"));
    }

    @Test
    void pukuDefect6_usageIsChargedExactlyAsTheIncreaseOfLifetimeUsage() throws Exception {
        String userId = user("metered");
        apiKey(userId);
        String hash = openRouter.keysNamed(userId).get(0).hash;
        openRouter.addUsage(hash, new BigDecimal("0.1234567891"));
        staleness();
        assertEquals(new BigDecimal("9.8765432109"), number(apiKey(userId).getJsonObject("data"), "remaining_credits"));
        staleness();
        apiKey(userId);
        openRouter.addUsage(hash, new BigDecimal("0.0000000009"));
        staleness();
        assertEquals(new BigDecimal("9.87654321"), number(apiKey(userId).getJsonObject("data"), "remaining_credits"));
        List<JsonObject> usage = entries(userId, "llm_usage");
        assertEquals(2, usage.size(), "one entry per increase, none for a call that saw no new usage");
    }

    // ---- Puku's defects ----------------------------------------------------------------------------------------

    @Test
    void pukuDefect1_aKeyDeletedAtOpenRouterIsReplacedCleanly() throws Exception {
        String userId = user("vanished");
        String before = apiKey(userId).getJsonObject("data").getString("key");
        openRouter.deleteBehindTollgatesBack(openRouter.keysNamed(userId).get(0).hash);
        staleness();
        Api.Reply reply = api().post("/api/key", "").bearer(userToken(userId)).send();
        assertEquals(200, reply.status(), reply::toString);
        assertNotEquals(before, reply.json().getJsonObject("data").getString("key"));
        assertEquals(1, openRouter.keysNamed(userId).size());
    }

    @Test
    void pukuDefect2_aNewKeysLimitNeverExceedsWhatTheUserCanPay() {
        String userId = user("nearly-broke", "0.3");
        JsonObject data = apiKey(userId).getJsonObject("data");
        assertEquals(new BigDecimal("0.3"), number(data, "daily_limit"));
        assertEquals(0, new BigDecimal("0.3").compareTo(openRouter.keysNamed(userId).get(0).limit));
    }

    @Test
    void pukuDefect3_usageAfterTheLastCheckOfARetiredKeyIsCharged() throws Exception {
        String userId = user("rotated");
        String first = apiKey(userId).getJsonObject("data").getString("key");
        String oldHash = openRouter.keysNamed(userId).get(0).hash;
        openRouter.addUsage(oldHash, new BigDecimal("0.6"));
        assertEquals(200, api().post("/admin/llm-keys/" + userId + "/rotate", "").bearer(adminToken()).send().status());
        String second = apiKey(userId).getJsonObject("data").getString("key");
        assertNotEquals(first, second);
        assertTrue(openRouter.allKeys().stream().filter(k -> k.hash.equals(oldHash)).allMatch(k -> k.disabled));
        openRouter.addUsage(oldHash, new BigDecimal("0.05")); // a request in flight when the key was disabled
        Thread.sleep(1200); // tollgate.llm.settle-after is PT1S in the tests
        Reconciliation.runNow(api(), adminToken());
        assertTrue(openRouter.allKeys().stream().noneMatch(k -> k.hash.equals(oldHash)), "deleted once settled");
        assertEquals(new BigDecimal("9.35"), balanceOf(userId));
        assertEquals(0, BigDecimal.ONE.compareTo(balance(userId).getJsonNumber("held").bigDecimalValue()),
                "the retired key's hold was released; only the new key's is left");
    }

    @Test
    void aKeyRunningLowGetsMoreRoomInsteadOfBeingReplaced() throws Exception {
        String userId = user("refilled");
        String key = apiKey(userId).getJsonObject("data").getString("key");
        FakeOpenRouter.FakeKey atOpenRouter = openRouter.keysNamed(userId).get(0);
        openRouter.addUsage(atOpenRouter.hash, new BigDecimal("0.6"));
        staleness();
        JsonObject data = apiKey(userId).getJsonObject("data");
        assertEquals(key, data.getString("key"), "the same key, still usable");
        assertEquals(0, new BigDecimal("1.6").compareTo(atOpenRouter.limit), "its limit raised by what it used");
        assertEquals(new BigDecimal("9.4"), number(data, "remaining_credits"));
        assertEquals(0, BigDecimal.ONE.compareTo(number(data, "daily_limit")));
        JsonObject balance = balance(userId);
        assertEquals(new BigDecimal("9.4"), number(balance, "balance"));
        assertEquals(0, BigDecimal.ONE.compareTo(number(balance, "held")));
        assertEquals(1, openRouter.keysNamed(userId).size(), "no key churn");
    }

    @Test
    void pukuDefect4_concurrentFirstCallsCreateExactlyOneKey() {
        String userId = user("stampede");
        List<Api.Reply> replies = parallelApiKeys(userId, 8);
        replies.forEach(r -> assertEquals(200, r.status(), r::toString));
        assertEquals(1, replies.stream().map(r -> r.json().getJsonObject("data").getString("key")).distinct().count());
        assertEquals(1, openRouter.keysNamed(userId).size(), "no orphaned keys");
    }

    @Test
    void pukuDefect5_concurrentCallsWhileAKeyRunsLowRaiseItsLimitOnce() throws Exception {
        String userId = user("refill-race");
        apiKey(userId);
        FakeOpenRouter.FakeKey atOpenRouter = openRouter.keysNamed(userId).get(0);
        openRouter.addUsage(atOpenRouter.hash, new BigDecimal("0.7"));
        staleness();
        List<Api.Reply> replies = parallelApiKeys(userId, 6);
        replies.forEach(r -> assertEquals(200, r.status(), r::toString));
        assertEquals(1, replies.stream().map(r -> r.json().getJsonObject("data").getString("key")).distinct().count());
        assertEquals(1, openRouter.keysNamed(userId).size());
        assertEquals(0, new BigDecimal("1.7").compareTo(atOpenRouter.limit), "raised once, by what was used");
        assertEquals(0, BigDecimal.ONE.compareTo(number(balance(userId), "held")));
    }

    @Test
    void pukuDefect7_blockedUsersGetAProblemAnswerAndTheirKeyIsDisabled() throws Exception {
        String userId = user("blocked-llm");
        apiKey(userId);
        api().post("/admin/users/" + userId + "/block", "{}").bearer(adminToken()).send();
        assertProblem(api().post("/api/key", "").bearer(userToken(userId)).send(), 403, "account-blocked");
        Reconciliation.runNow(api(), adminToken());
        assertTrue(openRouter.keysNamed(userId).stream().allMatch(k -> k.disabled), "a blocked user's key is disabled");
    }

    // ---- overshoot and faults -------------------------------------------------------------------------------

    @Test
    void anOvershootIsOwedByTheAccountAndPaidFromTheNextCredits() throws Exception {
        String userId = userWhoseKeyOvershot("overshoot", "1.4");
        JsonObject owed = assertProblem(api().post("/api/key", "").bearer(userToken(userId)).send(), 402,
                "debt-outstanding");
        assertTrue(owed.getString("detail").startsWith("0.4 credits are owed"), owed::toString);
        assertAmounts(userId, "0", "0", "0.4");

        JsonObject topUp = api().post("/admin/credits/add", "{\"userId\":\"" + userId + "\",\"amount\":5}")
                .bearer(adminToken()).send().json();
        assertEquals(new BigDecimal("4.6"), number(topUp, "newBalance"), "the debt is paid first from what arrived");
        assertEquals(0, number(topUp, "owed").signum());
        assertEquals(1, entries(userId, "debt_payment").size());
        Api.Reply covered = api().post("/api/key", "").bearer(userToken(userId)).send();
        assertEquals(200, covered.status(), covered::toString);
        assertAmounts(userId, "4.6", "1", "0");
    }

    // ---- issue 9: holds ---------------------------------------------------------------------------------------

    @Test
    void issue9Defect1_creditsHeldForAKeyCannotBeSpentAgain() {
        String userId = user("held", "1");
        assertEquals(new BigDecimal("1"), number(apiKey(userId).getJsonObject("data"), "daily_limit"));
        assertAmounts(userId, "1", "1", "0");
        JsonObject refused = assertProblem(api().post("/vend-token", "{}").bearer(userToken(userId)).send(), 402,
                "insufficient-credits");
        assertEquals("Insufficient credits", refused.getString("error"));
        assertProblem(api().post("/admin/credits/deduct", "{\"userId\":\"" + userId + "\",\"amount\":0.5}")
                .bearer(adminToken()).send(), 402, "insufficient-credits");
        assertAmounts(userId, "1", "1", "0");
        List<JsonObject> holds = entries(userId, "hold");
        assertEquals(1, holds.size());
        assertEquals(0, BigDecimal.ONE.compareTo(number(holds.get(0), "held_change")), "the hold is in the ledger");
        assertEquals(0, number(holds.get(0), "amount").signum());
    }

    @Test
    void issue9Defect2_aDebtOutlivesItsKeyAndIsPaidBeforeAnythingNew() throws Exception {
        String userId = user("debtor", "1");
        apiKey(userId);
        String hash = openRouter.keysNamed(userId).get(0).hash;
        openRouter.addUsage(hash, new BigDecimal("1.4"));
        assertEquals(200, api().post("/admin/llm-keys/" + userId + "/revoke", "").bearer(adminToken()).send().status());
        Thread.sleep(1200); // past settle-after
        Reconciliation.runNow(api(), adminToken());
        assertTrue(openRouter.keysNamed(userId).isEmpty(), "the key is deleted");
        assertAmounts(userId, "0", "0", "0.4");
        assertEquals(new BigDecimal("0.4"), number(listedRow("/admin/users", "user_id", userId), "owed"), "admins see the debt");
        assertProblem(api().post("/vend-token", "{}").bearer(userToken(userId)).send(), 402, "debt-outstanding");

        api().post("/admin/credits/add", "{\"userId\":\"" + userId + "\",\"amount\":5}").bearer(adminToken()).send();
        assertAmounts(userId, "4.6", "0", "0");
        assertEquals(200, api().post("/api/key", "").bearer(userToken(userId)).send().status());
    }

    @Test
    void issue9_onlyAnAuditedWriteOffEndsADebtOtherwise() throws Exception {
        String userId = userWhoseKeyOvershot("forgiven", "1.25");
        assertProblem(api().post("/api/key", "").bearer(userToken(userId)).send(), 402, "debt-outstanding");
        String path = "/admin/users/" + userId + "/debt/write-off";
        assertProblem(api().post(path, "{}").bearer(adminToken()).send(), 400, "invalid-request");
        assertProblem(api().post(path, "{\"reason\":\"goodwill\"}").bearer(userToken(userId)).send(), 403, "forbidden");
        Api.Reply forgiven = api().post(path, "{\"reason\":\"goodwill\"}").bearer(adminToken())
                .idempotencyKey("forgive-" + userId).send();
        assertEquals(200, forgiven.status(), forgiven::toString);
        assertEquals(200, api().post(path, "{\"reason\":\"goodwill\"}").bearer(adminToken())
                .idempotencyKey("forgive-" + userId).send().status(), "a retry replays");
        assertAmounts(userId, "0", "0", "0");
        List<JsonObject> writeOffs = entries(userId, "debt_write_off");
        assertEquals(1, writeOffs.size());
        assertEquals("goodwill", writeOffs.get(0).getString("reason"));
        assertEquals("admin", writeOffs.get(0).getString("actor_type"));
    }

    @Test
    void issue9Defect3_theLastCreditsStayUsableWithoutKeyChurn() throws Exception {
        String userId = user("last-credits", "0.4");
        String key = apiKey(userId).getJsonObject("data").getString("key");
        staleness();
        assertEquals(key, apiKey(userId).getJsonObject("data").getString("key"), "not retired for being small");
        openRouter.addUsage(openRouter.keysNamed(userId).get(0).hash, new BigDecimal("0.35"));
        staleness();
        JsonObject data = apiKey(userId).getJsonObject("data");
        assertEquals(key, data.getString("key"));
        assertEquals(new BigDecimal("0.05"), number(data, "remaining_credits"));
        assertEquals(1L, openRouter.createCalls(userId), "one key for all of it");
        assertTrue(openRouter.keysNamed(userId).stream().noneMatch(k -> k.disabled));
    }

    @Test
    void issue9_aUserSpendsEveryCreditThroughOneKey() throws Exception {
        String userId = user("spends-all", "3");
        apiKey(userId);
        FakeOpenRouter.FakeKey key = openRouter.keysNamed(userId).get(0);
        int raises = 0;
        BigDecimal limit = key.limit;
        for (int call = 0; call < 20; call++) {
            BigDecimal room = key.limit.subtract(key.usage);
            openRouter.addUsage(key.hash, room.min(new BigDecimal("0.45"))); // spends what the key allows, no more
            staleness();
            Api.Reply reply = api().post("/api/key", "").bearer(userToken(userId)).send();
            raises += key.limit.compareTo(limit) > 0 ? 1 : 0;
            limit = key.limit;
            if (reply.status() == 402) {
                break;
            }
            assertEquals(200, reply.status(), reply::toString);
        }
        assertEquals(0, new BigDecimal("3").compareTo(key.usage), "every credit was spent through the key");
        assertAmounts(userId, "0", "0", "0");
        assertEquals(1L, openRouter.createCalls(userId), "one key for 3 credits");
        assertTrue(raises >= 2 && raises <= 5, raises + " limit raises for 3 credits at 1 of room");
    }

    @Test
    void issue9_keysDisabledAtOpenRouterOrExpiringAreReplaced() throws Exception {
        String userId = user("replaced");
        String first = apiKey(userId).getJsonObject("data").getString("key");
        openRouter.disableBehindTollgatesBack(openRouter.keysNamed(userId).get(0).hash);
        staleness();
        String second = apiKey(userId).getJsonObject("data").getString("key");
        assertNotEquals(first, second, "a key disabled at OpenRouter is not handed out");
        sql("UPDATE llm_key SET expires_at = now() WHERE account_id = ? AND state = 'live'", userId);
        String third = apiKey(userId).getJsonObject("data").getString("key");
        assertNotEquals(second, third, "an expired key is not handed out");
        assertEquals(1, liveRecords(userId));
    }

    @Test
    void issue9_oneFailingCallDoesNotStopAReconciliationRun() throws Exception {
        String userId = user("settled-anyway");
        apiKey(userId);
        String hash = openRouter.keysNamed(userId).get(0).hash;
        openRouter.addUsage(hash, new BigDecimal("0.3"));
        api().post("/admin/llm-keys/" + userId + "/revoke", "").bearer(adminToken()).send();
        Thread.sleep(1200);
        JsonObject report = null;
        for (int attempt = 0; attempt < 20 && (report == null || !report.getBoolean("ran")); attempt++) {
            openRouter.failNext(429, 3); // the listing of all keys, and its two retries
            report = api().post("/admin/llm-keys/reconcile", "").bearer(adminToken()).send().json();
            Thread.sleep(report.getBoolean("ran") ? 0 : 500);
        }
        openRouter.failNext(429, 0);
        assertTrue(report.getInt("failed") >= 1, report::toString);
        assertTrue(report.getInt("settled") >= 1, report::toString);
        assertTrue(openRouter.keysNamed(userId).isEmpty(), "the revoked key was settled and deleted all the same");
        assertEquals(new BigDecimal("9.7"), balanceOf(userId));
    }

    @Test
    void issue9_adminsListTheKeysOfOneUser() {
        String userId = user("listed");
        apiKey(userId);
        JsonArrayReply listed = new JsonArrayReply(api().get("/admin/llm-keys?userId=" + userId).bearer(adminToken()).send());
        assertEquals(1, listed.rows.size());
        assertEquals(userId, listed.rows.get(0).getString("userId"));
        assertEquals(0, BigDecimal.ONE.compareTo(number(listed.rows.get(0), "heldCredits")));
    }

    @Test
    void openRouterFailuresAre503WithRetryAfterAndChargeNothing() throws Exception {
        String userId = user("faults");
        apiKey(userId);
        String hash = openRouter.keysNamed(userId).get(0).hash;
        openRouter.addUsage(hash, new BigDecimal("0.2"));
        // A reconciliation (the minute timer, or one a previous test started) would observe the key and its usage
        // through its listing, making it fresh again: none may run until the failures have been seen.
        Database db = TestEnvironment.database();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement lock = c.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(" + LlmKeyReconciliation.ADVISORY_LOCK + ")");
            staleness();
            for (int status : new int[] {500, 429}) {
                openRouter.failNextFor(hash, status, 3); // more than the retries of a read
                Api.Reply reply = api().post("/api/key", "").bearer(userToken(userId)).send();
                assertProblem(reply, 503, "unavailable");
                assertEquals("5", reply.header("Retry-After"));
                assertEquals(new BigDecimal("10"), balanceOf(userId), "nothing charged");
            }
        }
        openRouter.failNext(500, 0);
        assertEquals(new BigDecimal("9.8"), number(apiKey(userId).getJsonObject("data"), "remaining_credits"));
    }

    @Test
    void aSlowOpenRouterTimesOutInto503AndChargesNothing() throws Exception {
        String userId = user("slow");
        apiKey(userId);
        openRouter.addUsage(openRouter.keysNamed(userId).get(0).hash, new BigDecimal("0.3"));
        staleness();
        openRouter.latency(Duration.ofSeconds(6)); // past the 5 s timeout of a read, on every retry
        try {
            Api.Reply reply = api().post("/api/key", "").bearer(userToken(userId)).send();
            assertProblem(reply, 503, "unavailable");
            assertEquals("5", reply.header("Retry-After"));
        } finally {
            openRouter.latency(Duration.ZERO);
        }
        assertEquals(new BigDecimal("10"), balanceOf(userId), "nothing charged");
        assertEquals(new BigDecimal("9.7"), number(apiKey(userId).getJsonObject("data"), "remaining_credits"));
    }

    @Test
    void aKeyCreatedAtOpenRouterButNeverSavedIsFoundChargedAndDeleted() throws Exception {
        String userId = user("crashed");
        openRouter.dropConnectionAfterNextCreate();
        assertProblem(api().post("/api/key", "").bearer(userToken(userId)).send(), 503, "unavailable");
        assertEquals(1, openRouter.keysNamed(userId).size(), "the orphan exists at OpenRouter");
        openRouter.addUsage(openRouter.keysNamed(userId).get(0).hash, new BigDecimal("0.25"));
        Reconciliation.runNow(api(), adminToken());
        assertEquals(0, openRouter.keysNamed(userId).size(), "the orphan is deleted");
        assertEquals(new BigDecimal("9.75"), balanceOf(userId), "and its usage charged to its owner");
        assertEquals(200, api().post("/api/key", "").bearer(userToken(userId)).send().status());
    }

    @Test
    void atTheLowCreditThresholdTheKeyIsUsedUpThenRefusedWithoutANewKey() throws Exception {
        String userId = user("low-credit", "0.5");
        String key = apiKey(userId).getJsonObject("data").getString("key");
        String hash = openRouter.keysNamed(userId).get(0).hash;
        openRouter.addUsage(hash, new BigDecimal("0.45"));
        staleness();
        assertEquals(key, apiKey(userId).getJsonObject("data").getString("key"), "0.05 is still usable");
        openRouter.addUsage(hash, new BigDecimal("0.05"));
        staleness();
        JsonObject refused = assertProblem(api().post("/api/key", "").bearer(userToken(userId)).send(), 402,
                "insufficient-credits");
        assertEquals("Insufficient credits", refused.getString("error"));
        assertAmounts(userId, "0", "0", "0");
        assertEquals(1L, openRouter.createCalls(userId), "no new key for a user with nothing left");
    }

    // ---- admin ------------------------------------------------------------------------------------------------

    @Test
    void adminsListRotateAndRevokeKeysWithoutSeeingThem() {
        String userId = user("managed");
        String first = apiKey(userId).getJsonObject("data").getString("key");
        Api.Reply listed = api().get("/admin/llm-keys?limit=100").bearer(adminToken()).send();
        assertEquals(200, listed.status(), listed::toString);
        assertFalse(listed.body().contains(first.substring(12, 40)), "never a key in listings, only masked labels");
        assertTrue(listed.body().contains(openRouter.keysNamed(userId).get(0).hash) || listed.header("X-Next-Cursor") != null);

        JsonObject rotated = api().post("/admin/llm-keys/" + userId + "/rotate", "").bearer(adminToken()).send().json();
        assertTrue(rotated.getBoolean("success"));
        String second = apiKey(userId).getJsonObject("data").getString("key");
        assertNotEquals(first, second);
        assertEquals(200, api().post("/admin/llm-keys/" + userId + "/revoke", "").bearer(adminToken()).send().status());
        assertEquals(0, openRouter.keysNamed(userId).stream().filter(k -> !k.disabled).count(), "revoked at once");
        assertProblem(api().get("/admin/llm-keys").bearer(userToken(userId)).send(), 403, "forbidden");
    }

    // ---- the spend invariant ----------------------------------------------------------------------------------

    /**
     * After every scenario, exactly: the usage of every key the user ever had, times the rate (1 credit per USD), was
     * charged (captured, paid or owed); balance, held and owed are the sums of their entries; what usable keys may
     * still spend is held; and no key lives at OpenRouter without a live record.
     */
    @AfterEach
    void creditsChargedEqualUsageAndNoKeyLivesWithoutARecord() throws Exception {
        Reconciliation.runNow(api(), adminToken());
        for (String userId : users) {
            BigDecimal charged = entries(userId, "llm_usage").stream()
                    .map(e -> number(e, "owed_change").subtract(number(e, "amount")))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(0, openRouter.totalUsageOfKeysNamed(userId).compareTo(charged),
                    userId + ": charged " + charged + " = usage");
            assertEquals(1, queryDecimal("SELECT COUNT(*) FROM account a WHERE user_id = ?"
                    + " AND balance = (SELECT SUM(amount) FROM ledger_entry WHERE account_id = a.user_id)"
                    + " AND held = (SELECT SUM(held_change) FROM ledger_entry WHERE account_id = a.user_id)"
                    + " AND owed = (SELECT SUM(owed_change) FROM ledger_entry WHERE account_id = a.user_id)"
                    + " AND held = (SELECT COALESCE(SUM(placed - captured - released), 0) FROM credit_hold"
                    + "             WHERE account_id = a.user_id)", userId).intValue(),
                    userId + ": balance, held and owed are the sums of their entries and holds");
            BigDecimal spendable = openRouter.keysNamed(userId).stream().filter(k -> !k.disabled)
                    .map(k -> k.limit.subtract(k.usage).max(BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertTrue(spendable.compareTo(number(balance(userId), "held")) <= 0,
                    userId + ": usable keys may spend " + spendable + ", more than is held");
            long liveAtOpenRouter = openRouter.keysNamed(userId).stream().filter(k -> !k.disabled).count();
            assertTrue(liveAtOpenRouter <= 1, userId + " has " + liveAtOpenRouter + " live keys at OpenRouter");
            assertEquals(liveAtOpenRouter, liveRecords(userId), userId + ": live keys at OpenRouter = live records");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private String user(String purpose) {
        String userId = freshUserId(purpose);
        users.add(userId);
        return userId;
    }

    /** A user whose account an admin opened with {@code credits}. */
    private String user(String purpose, String credits) {
        String userId = openAccount(purpose, credits);
        users.add(userId);
        return userId;
    }

    /** A user with 1 credit whose key has used {@code usageUsd} (more than its limit), freshly observable. */
    private String userWhoseKeyOvershot(String purpose, String usageUsd) throws InterruptedException {
        String userId = user(purpose, "1");
        apiKey(userId);
        openRouter.addUsage(openRouter.keysNamed(userId).get(0).hash, new BigDecimal(usageUsd));
        staleness();
        return userId;
    }

    private JsonObject balance(String userId) {
        Api.Reply reply = api().get("/user/" + userId + "/balance").bearer(adminToken()).send();
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private void assertAmounts(String userId, String balance, String held, String owed) {
        JsonObject answer = balance(userId);
        assertEquals(0, new BigDecimal(balance).compareTo(number(answer, "balance")), answer::toString);
        assertEquals(0, new BigDecimal(held).compareTo(number(answer, "held")), answer::toString);
        assertEquals(0, new BigDecimal(owed).compareTo(number(answer, "owed")), answer::toString);
        assertEquals(0, number(answer, "balance").subtract(number(answer, "held"))
                .compareTo(number(answer, "available")), answer::toString);
    }

    private record JsonArrayReply(List<JsonObject> rows) {
        JsonArrayReply(Api.Reply reply) {
            this(reply.jsonArray().getValuesAs(JsonObject.class));
        }
    }

    private JsonObject apiKey(String userId) {
        Api.Reply reply = api().post("/api/key", "").bearer(userToken(userId)).send();
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private List<Api.Reply> parallelApiKeys(String userId, int calls) {
        return IntStream.range(0, calls).mapToObj(i -> api().post("/api/key", "").bearer(userToken(userId)).sendAsync())
                .toList().stream().map(CompletableFuture::join).toList();
    }

    private static void staleness() throws InterruptedException {
        Thread.sleep(Duration.parse(TestEnvironment.LLM_STALENESS).toMillis() + 200);
    }


    private List<JsonObject> entries(String userId, String type) {
        return api().get("/admin/transactions?limit=100&userId=" + userId + "&type=" + type).bearer(adminToken())
                .send().json().getJsonArray("transactions").getValuesAs(JsonObject.class);
    }

    private static BigDecimal number(JsonObject json, String field) {
        return json.getJsonNumber(field).bigDecimalValue();
    }

    private static void sql(String statement, String userId) throws Exception {
        Database db = TestEnvironment.database();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement sql = c.prepareStatement(statement)) {
            sql.setString(1, userId);
            sql.executeUpdate();
        }
    }

    private static long liveRecords(String userId) throws Exception {
        return queryDecimal("SELECT COUNT(*) FROM llm_key WHERE account_id = ? AND state = 'live'", userId).longValue();
    }

    private static BigDecimal queryDecimal(String query, String userId) {
        return TestEnvironment.database().queryNumber(query, userId);
    }
}
