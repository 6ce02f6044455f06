package io.tollgate.it;

import static io.tollgate.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.testing.Api;
import io.tollgate.testing.DeployedTollgate;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Accounts and the ledger, through the public API: exact amounts, atomic debits, idempotent retries. */
class LedgerIT extends DeployedTollgate {

    // ---- accounts -------------------------------------------------------------------------------------------

    @Test
    void adminOpensAnAccountOnceWithItsInitialCredits() {
        String userId = freshUserId("open");
        String body = "{\"userId\":\"" + userId + "\",\"initialCredits\":12.5}";
        Api.Reply created = api().post("/user/create", body).bearer(adminToken()).send();
        assertEquals(200, created.status(), created::toString);
        JsonObject json = created.json();
        assertTrue(json.getBoolean("success"));
        assertEquals(userId, json.getString("userId"));
        assertEquals(new BigDecimal("12.5"), json.getJsonNumber("initialBalance").bigDecimalValue());
        assertEquals("User created successfully", json.getString("message"));

        JsonObject conflict = assertProblem(api().post("/user/create", body).bearer(adminToken()).send(), 409,
                "conflict");
        assertEquals("User already exists", conflict.getString("error"));

        List<JsonObject> entries = allTransactions(userId);
        assertEquals(1, entries.size());
        assertEquals("user_creation", entries.get(0).getString("type"));
        assertEquals("admin", entries.get(0).getString("actor_type"));
    }

    @Test
    void aUsersFirstAuthenticatedCallOpensTheirAccountWithTheStartingGrant() {
        String userId = freshUserId("first-call");
        List<CompletableFuture<Api.Reply>> calls = IntStream.range(0, 8)
                .mapToObj(i -> api().get("/user/" + userId + "/balance").bearer(userToken(userId)).sendAsync())
                .toList();
        for (CompletableFuture<Api.Reply> call : calls) {
            Api.Reply reply = call.join();
            assertEquals(200, reply.status(), reply::toString);
            assertEquals(0, new BigDecimal("10").compareTo(reply.json().getJsonNumber("balance").bigDecimalValue()));
        }
        List<JsonObject> entries = allTransactions(userId);
        assertEquals(1, entries.size(), "simultaneous first calls grant once");
        assertEquals("user_creation", entries.get(0).getString("type"));
        assertEquals("system", entries.get(0).getString("actor_type"));
    }

    @Test
    void unknownAccountsAre404() {
        assertProblem(api().get("/user/" + freshUserId("ghost") + "/balance").bearer(adminToken()).send(), 404,
                "not-found");
        assertProblem(api().post("/admin/credits/add", "{\"userId\":\"" + freshUserId("ghost") + "\",\"amount\":1}")
                .bearer(adminToken()).send(), 404, "not-found");
    }

    // ---- exact money ------------------------------------------------------------------------------------------

    @Test
    void amountsAreKeptExactlyToEighteenDecimalPlaces() {
        String userId = openAccount("exact", "0");
        add(userId, "0.1");
        add(userId, "0.2");
        assertEquals(new BigDecimal("0.3"), balanceOf(userId), "0.1 + 0.2 is exactly 0.3");
        add(userId, "0.000000000000000001");
        JsonObject last = add(userId, "1234.567890123456789");
        assertEquals(new BigDecimal("1234.867890123456789001"), last.getJsonNumber("newBalance").bigDecimalValue());
        assertEquals(new BigDecimal("1234.867890123456789001"), balanceOf(userId));
    }

    @Test
    void creditsAddAnswersPlucksShapeAndRecordsWhoAddedThem() {
        String userId = openAccount("add", "1");
        JsonObject answer = add(userId, "2.5");
        assertTrue(answer.getBoolean("success"));
        assertEquals(new BigDecimal("3.5"), answer.getJsonNumber("newBalance").bigDecimalValue());
        assertEquals("Credits added successfully", answer.getString("message"));
        JsonObject entry = allTransactions(userId).get(0);
        assertEquals("admin_add", entry.getString("type"));
        assertEquals("ops@example.com", entry.getString("actor_id"));
        assertEquals("welcome", entry.getString("reason"));
        assertEquals(new BigDecimal("3.5"), entry.getJsonNumber("balance_after").bigDecimalValue());
    }

    @Test
    void aDeductionBeyondTheBalanceIsA402AndChangesNothing() {
        String userId = openAccount("overdraw", "1");
        JsonObject problem = assertProblem(deduct(userId, "1.000000000000000001", null), 402, "insufficient-credits");
        assertEquals("Insufficient credits", problem.getString("error"));
        assertEquals(new BigDecimal("1"), balanceOf(userId));
        assertEquals(1, allTransactions(userId).size());
    }

    // ---- concurrency ----------------------------------------------------------------------------------------

    /**
     * 240 simultaneous debits of 0.3 at an account holding 15: exactly 50 can be afforded. Exactly 50 succeed,
     * the rest are 402, the balance ends at exactly 0, and the balance equals the sum of the entries.
     */
    @Test
    void concurrentDebitsNeverOverdrawAndTheBalanceIsTheSumOfItsEntries() {
        String userId = openAccount("race", "15");
        List<CompletableFuture<Api.Reply>> debits = IntStream.range(0, 240)
                .mapToObj(i -> api().post("/admin/credits/deduct",
                        "{\"userId\":\"" + userId + "\",\"amount\":0.3,\"reason\":\"race " + i + "\"}")
                        .bearer(adminToken()).sendAsync())
                .toList();
        Map<Integer, Long> statuses = debits.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(Api.Reply::status, Collectors.counting()));

        assertEquals(Map.of(200, 50L, 402, 190L), statuses);
        assertEquals(0, balanceOf(userId).signum());
        List<JsonObject> entries = allTransactions(userId);
        assertEquals(51, entries.size());
        assertEquals(0, sumOfAmounts(entries).signum(), "balance == sum of entries");
        entries.forEach(e -> assertTrue(e.getJsonNumber("balance_after").bigDecimalValue().signum() >= 0));
    }

    // ---- idempotency ----------------------------------------------------------------------------------------

    @Test
    void aRetryWithTheSameKeyReplaysTheFirstAnswerWithoutASecondEntry() {
        String userId = openAccount("retry", "0");
        Api.Reply first = addWithKey(userId, "4", "topup-1");
        Api.Reply retry = addWithKey(userId, "4", "topup-1");
        assertEquals(200, retry.status(), retry::toString);
        assertEquals(first.body(), retry.body());
        assertEquals("false", first.header("Idempotent-Replayed"));
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(new BigDecimal("4"), balanceOf(userId));
        assertEquals(2, allTransactions(userId).size());
        assertEquals("topup-1", allTransactions(userId).get(0).getString("idempotency_key"));
    }

    @Test
    void theSameKeyWithADifferentBodyIs422() {
        String userId = openAccount("reuse", "0");
        addWithKey(userId, "4", "topup-2");
        assertProblem(addWithKey(userId, "5", "topup-2"), 422, "idempotency-key-reused");
        assertEquals(new BigDecimal("4"), balanceOf(userId));
    }

    @Test
    void simultaneousRetriesWithOneKeyApplyOnce() {
        String userId = openAccount("burst", "0");
        String body = "{\"userId\":\"" + userId + "\",\"amount\":7,\"reason\":\"burst\"}";
        List<Api.Reply> replies = IntStream.range(0, 25)
                .mapToObj(i -> api().post("/admin/credits/add", body).idempotencyKey("burst-key")
                        .bearer(adminToken()).sendAsync())
                .toList().stream().map(CompletableFuture::join).toList();
        replies.forEach(r -> assertEquals(200, r.status(), r::toString));
        assertEquals(1, replies.stream().map(Api.Reply::body).distinct().count(), "every caller sees one answer");
        assertEquals(1, replies.stream().filter(r -> "false".equals(r.header("Idempotent-Replayed"))).count());
        assertEquals(new BigDecimal("7"), balanceOf(userId));
        assertEquals(2, allTransactions(userId).size());
    }

    @Test
    void aRefusedRequestCanBeRetriedWithItsKey() {
        String userId = openAccount("retry-402", "1");
        assertProblem(deduct(userId, "3", "pay-3"), 402, "insufficient-credits");
        add(userId, "5");
        Api.Reply retried = deduct(userId, "3", "pay-3");
        assertEquals(200, retried.status(), retried::toString);
        assertEquals(new BigDecimal("3"), balanceOf(userId));
    }

    @Test
    void keysOfDifferentCallersDoNotCollide() {
        String userId = openAccount("scopes", "0");
        String body = "{\"userId\":\"" + userId + "\",\"amount\":1}";
        assertEquals(200, api().post("/admin/credits/add", body).idempotencyKey("shared").bearer(adminToken())
                .send().status());
        Api.Reply other = api().post("/admin/credits/add", body).idempotencyKey("shared")
                .bearer(tokens().admin("second-admin@example.com")).send();
        assertEquals("false", other.header("Idempotent-Replayed"));
        assertEquals(new BigDecimal("2"), balanceOf(userId));
    }

    // ---- listings -----------------------------------------------------------------------------------------

    @Test
    void transactionsArePagedNewestFirstWithACursor() {
        String userId = openAccount("pages", "1");
        for (int i = 1; i <= 6; i++) {
            add(userId, Integer.toString(i));
        }
        Api.Reply firstPage = api().get("/user/" + userId + "/transactions?limit=4").bearer(userToken(userId)).send();
        JsonObject page = firstPage.json();
        assertEquals(4, page.getInt("count"));
        assertEquals(userId, page.getString("userId"));
        assertEquals(new BigDecimal("6"), page.getJsonArray("transactions").getJsonObject(0)
                .getJsonNumber("amount").bigDecimalValue());
        String cursor = page.getString("nextCursor");
        JsonObject second = api().get("/user/" + userId + "/transactions?limit=4&cursor=" + cursor)
                .bearer(userToken(userId)).send().json();
        assertEquals(3, second.getInt("count"));
        assertTrue(!second.containsKey("nextCursor"), "the last page has no next cursor");
        Set<String> ids = new HashSet<>();
        page.getJsonArray("transactions").forEach(t -> ids.add(t.asJsonObject().getString("id")));
        second.getJsonArray("transactions").forEach(t -> ids.add(t.asJsonObject().getString("id")));
        assertEquals(7, ids.size());
    }

    @Test
    void adminListsEveryAccountPageByPage() {
        String mine = openAccount("listed", "2");
        deduct(mine, "0.5", null);
        Set<String> seen = new HashSet<>();
        JsonObject row = null;
        String cursor = null;
        do {
            Api.Reply reply = api().get("/admin/users?limit=3" + (cursor == null ? "" : "&cursor=" + cursor))
                    .bearer(adminToken()).send();
            assertEquals(200, reply.status(), reply::toString);
            for (JsonValue value : reply.jsonArray()) {
                JsonObject account = value.asJsonObject();
                assertTrue(seen.add(account.getString("user_id")), "no account twice");
                if (account.getString("user_id").equals(mine)) {
                    row = account;
                }
            }
            cursor = reply.header("X-Next-Cursor");
        } while (cursor != null);
        assertNotNull(row);
        assertEquals(2, row.getInt("transaction_count"));
        assertEquals(new BigDecimal("1.5"), row.getJsonNumber("current_credits").bigDecimalValue());
        assertEquals("active", row.getString("status"));
    }

    @Test
    void adminFiltersTransactionsByUserAndType() {
        String userId = openAccount("filter", "3");
        add(userId, "1");
        JsonArray adds = api().get("/admin/transactions?userId=" + userId + "&type=admin_add").bearer(adminToken())
                .send().json().getJsonArray("transactions");
        assertEquals(1, adds.size());
        assertEquals("admin_add", adds.getJsonObject(0).getString("type"));
    }

    // ---- blocking -------------------------------------------------------------------------------------------

    @Test
    void aBlockedAccountStillReadsAndReceivesCreditAndCanBeUnblocked() {
        String userId = openAccount("blocked", "1");
        Api.Reply blocked = api().post("/admin/users/" + userId + "/block", "{}").bearer(adminToken()).send();
        assertEquals("blocked", blocked.json().getString("status"));
        JsonObject balance = api().get("/user/" + userId + "/balance").bearer(userToken(userId)).send().json();
        assertEquals("blocked", balance.getString("status"));
        add(userId, "1");
        assertEquals("active", api().post("/admin/users/" + userId + "/unblock", "{}").bearer(adminToken()).send()
                .json().getString("status"));
        assertProblem(api().post("/admin/users/" + freshUserId("nobody") + "/block", "{}").bearer(adminToken())
                .send(), 404, "not-found");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private JsonObject add(String userId, String amount) {
        Api.Reply reply = api().post("/admin/credits/add",
                "{\"userId\":\"" + userId + "\",\"amount\":" + amount + ",\"reason\":\"welcome\"}")
                .bearer(adminToken()).send();
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private Api.Reply addWithKey(String userId, String amount, String key) {
        return api().post("/admin/credits/add", "{\"userId\":\"" + userId + "\",\"amount\":" + amount + "}")
                .idempotencyKey(key).bearer(adminToken()).send();
    }

    private Api.Reply deduct(String userId, String amount, String key) {
        Api.Call call = api().post("/admin/credits/deduct", "{\"userId\":\"" + userId + "\",\"amount\":" + amount + "}")
                .bearer(adminToken());
        return key == null ? call.send() : call.idempotencyKey(key).send();
    }

    /** Every entry of an account, following the cursor through pages of 100. */
    private List<JsonObject> allTransactions(String userId) {
        List<JsonObject> entries = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = api().get("/user/" + userId + "/transactions?limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor)).bearer(adminToken()).send().json();
            page.getJsonArray("transactions").forEach(t -> entries.add(t.asJsonObject()));
            cursor = page.containsKey("nextCursor") && !page.isNull("nextCursor") ? page.getString("nextCursor") : null;
        } while (cursor != null);
        return entries;
    }

    private static BigDecimal sumOfAmounts(List<JsonObject> entries) {
        return entries.stream().map(e -> e.getJsonNumber("amount").bigDecimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
