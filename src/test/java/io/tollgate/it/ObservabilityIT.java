package io.tollgate.it;

import static io.tollgate.testing.PaymentProvider.notice;
import static io.tollgate.testing.PaymentProvider.sign;
import static io.tollgate.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.problem.ProblemType;
import io.tollgate.testing.Api;
import io.tollgate.testing.Browser;
import io.tollgate.testing.DeployedTollgate;
import io.tollgate.testing.Endpoints;
import io.tollgate.testing.PayaraProcess;
import io.tollgate.testing.TestEnvironment;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 13, what operators see: request ids on answers, problems, ledger entries and log lines; application
 * metrics in Prometheus text; health checks that tell the truth; the ledger audit.
 */
class ObservabilityIT extends DeployedTollgate {

    // ---- request ids ---------------------------------------------------------------------------------------------

    @Test
    void everyAnswerHasARequestIdTheCallersIfSaneElseANewOne() {
        String mine = "client-" + UUID.randomUUID();
        assertEquals(mine, api().get("/").header("X-Request-Id", mine).send().header("X-Request-Id"));
        for (String insane : List.of("has space", "x".repeat(65), "<script>", "a\u00e9b", "-leading-dash")) {
            String answered = api().get("/").header("X-Request-Id", insane).send().header("X-Request-Id");
            assertNotEquals(insane, answered);
            UUID.fromString(answered); // a fresh id, not an echo of what was sent
        }
        String first = api().get("/").send().header("X-Request-Id");
        String second = api().get("/").send().header("X-Request-Id");
        assertNotEquals(first, second);
    }

    @Test
    void problemsNameTheRequestIdOfTheirAnswer() {
        for (Api.Reply reply : List.of(
                api().get("/user/someone/balance").send(), // no credentials: from the resources
                api().post("/admin/credits/add", "[1]").bearer(adminToken()).send(), // bad input
                api().get("/_problem").send(), // the container's error page
                api().get("/user/someone/balance").bearer("not-a-token").send())) {
            JsonObject problem = reply.json();
            assertEquals(reply.header("X-Request-Id"), problem.getString("request_id"), reply::toString);
        }
    }

    @Test
    void aLedgerEntryNamesTheRequestThatWroteIt() {
        String userId = openAccount("entry-request-id", "1");
        String requestId = "credit-" + UUID.randomUUID();
        Api.Reply added = api().post("/admin/credits/add", "{\"userId\":\"" + userId + "\",\"amount\":2}")
                .bearer(adminToken()).header("X-Request-Id", requestId).send();
        assertEquals(200, added.status(), added::toString);
        JsonObject newest = api().get("/user/" + userId + "/transactions?limit=1").bearer(adminToken()).send().json()
                .getJsonArray("transactions").getJsonObject(0);
        assertEquals(requestId, newest.getString("request_id"), newest::toString);
    }

    @Test
    void logLinesWrittenForARequestCarryItsId() throws IOException {
        String requestId = "refused-payment-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String payload = notice(eventId, openAccount("logged", "1"), "1000001", "USD");
        Api.Reply refused = api().post("/webhooks/payments", payload).header("X-Request-Id", requestId)
                .header("Tollgate-Signature", sign(payload, Instant.now(), TestEnvironment.paymentSecrets().get(0)))
                .send();
        assertEquals(400, refused.status(), refused::toString);
        List<String> records = awaitLogRecords(eventId);
        assertFalse(records.isEmpty(), "the refusal was logged");
        assertTrue(records.stream().allMatch(line -> line.contains("request=" + requestId)), records::toString);
    }

    // ---- metrics -------------------------------------------------------------------------------------------------

    @Test
    void metricsCountWhatWasDoneInPrometheusText() {
        String userId = openAccount("metered", "5");
        String vended = "tollgate_tokens_vended_total{scope=\"access\"}";
        String spent = "tollgate_ledger_entries_total{type=\"spend\"}";
        String requests = "tollgate_http_server_requests_seconds_count"
                + "{endpoint=\"/vend-token\",method=\"POST\",status=\"200\"}";
        String invalid = "tollgate_tokens_validations_total{outcome=\"malformed\"}";
        Map<String, Double> before = metrics(vended, spent, requests, invalid);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api().post("/vend-token", "{}").bearer(userToken(userId)).send().status());
        }
        assertEquals(200, api().post("/validate-token", "{\"token\":\"garbage\"}").send().status());
        Map<String, Double> after = metrics(vended, spent, requests, invalid);
        assertEquals(3, after.get(vended) - before.get(vended), 0.0);
        assertEquals(3, after.get(spent) - before.get(spent), 0.0);
        assertEquals(3, after.get(requests) - before.get(requests), 0.0);
        assertEquals(1, after.get(invalid) - before.get(invalid), 0.0);

        String scrape = api().get("/metrics").send().body();
        assertTrue(scrape.contains("jvm_memory_used_bytes"), "JVM meters are there too");
        assertFalse(scrape.contains(userId), "no user id is a label");
    }

    // ---- health --------------------------------------------------------------------------------------------------

    @Test
    void aConfiguredServiceIsLiveStartedAndReadyWithEveryCheckNamed() {
        JsonObject ready = api().get("/health/ready").send().json();
        assertEquals("UP", ready.getString("status"), ready::toString);
        assertEquals(List.of("accepting-requests", "authentication", "database", "ledger-audit", "openrouter-keys",
                "token-signing"), checkNames(ready));
        assertEquals(List.of("threads"), checkNames(api().get("/health/live").send().json()));
        assertEquals(List.of("schema-migration"), checkNames(api().get("/health/started").send().json()));
    }

    /** Before: readiness said UP while every vend answered 503. */
    @Test
    void anUnconfiguredServiceIsNotReadyAndSaysWhatIsMissing() throws Exception {
        String userId = openAccount("unconfigured", "3");
        String partnerKey = api().post("/admin/api-keys/create", "{\"scopes\":[\"tokens:vend\"]}")
                .bearer(adminToken()).send().json().getString("apiKey");
        Path dir = TestEnvironment.workDirectory().resolve("unconfigured");
        Path settings = TestEnvironment.settingsWith(Map.of(
                "tollgate.crypto.master-key", "",
                "tollgate.openrouter.management-key", "",
                "tollgate.admin.secret", "",
                "tollgate.auth.hs256-secret", "",
                "mp.jwt.verify.publickey", ""), dir.resolve("payara.properties"));
        int port = PayaraProcess.freePort();
        try (PayaraProcess server = PayaraProcess.launch(Path.of(System.getProperty("tollgate.war")), dir, port,
                List.of("-Xmx512m"), List.of("--systemProperties", settings.toString()))) {
            server.awaitAnswer("/", 200, Duration.ofMinutes(4)); // deployed: readiness now speaks for Tollgate
            Api unconfigured = new Api(new URL("http://127.0.0.1:" + port + "/"));
            Api.Reply readiness = unconfigured.get("/health/ready").send();
            JsonObject ready = readiness.json();
            assertEquals("DOWN", ready.getString("status"));
            for (String check : List.of("authentication", "token-signing", "openrouter-keys")) {
                assertEquals("DOWN", check(ready, check).getString("status"), ready::toString);
            }
            assertEquals("UP", check(ready, "database").getString("status"), ready::toString);
            assertTrue(readiness.body().contains("tollgate.crypto.master-key"), ready::toString);
            assertTrue(readiness.body().contains("tollgate.openrouter.management-key"), ready::toString);
            assertFalse(readiness.body().contains(TestEnvironment.database().password()), "no secret in health");

            Api.Reply vend = unconfigured.post("/vend-token", "{\"userId\":\"" + userId + "\"}")
                    .header("X-API-Key", partnerKey).send();
            assertProblem(vend, 503, "unavailable");
        }
        assertEquals(new BigDecimal("3"), balanceOf(userId), "the refused vend charged nothing");
    }

    /**
     * Before: a probe that came while the schema was being migrated read tables that did not exist yet, so the log
     * had SQL errors with their stack traces and readiness said a signing key was missing. Here another instance
     * holds Liquibase's lock, as when several start at once, so this server's migration waits.
     */
    @Test
    void whileTheSchemaIsBeingMigratedReadinessSaysSoAndReadsNoTable() throws Exception {
        String name = "migrating_" + UUID.randomUUID().toString().replace("-", "");
        io.tollgate.testing.Database empty = TestEnvironment.database().createDatabase(name);
        try (Connection db = DriverManager.getConnection(empty.url(), empty.user(), empty.password());
             java.sql.Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE databasechangeloglock (id INTEGER PRIMARY KEY, locked BOOLEAN NOT NULL,"
                    + " lockgranted TIMESTAMP, lockedby VARCHAR(255))");
            sql.execute("INSERT INTO databasechangeloglock VALUES (1, TRUE, now(), 'another instance')");
            Path dir = TestEnvironment.workDirectory().resolve(name);
            Path settings = TestEnvironment.settingsWith(Map.of("tollgate.db.url", empty.url()),
                    dir.resolve("payara.properties"));
            int port = PayaraProcess.freePort();
            try (PayaraProcess server = PayaraProcess.launch(Path.of(System.getProperty("tollgate.war")), dir, port,
                    List.of("-Xmx512m"), List.of("--systemProperties", settings.toString()))) {
                JsonObject waiting = awaitReadinessWith(new Api(new URL("http://127.0.0.1:" + port + "/")),
                        "database", "token-signing", "ledger-audit");
                assertEquals("DOWN", waiting.getString("status"), waiting::toString);
                assertEquals("DOWN", check(waiting, "database").getString("status"), waiting::toString);
                assertEquals("the database schema is being migrated",
                        check(waiting, "token-signing").getJsonObject("data").getString("waiting"), waiting::toString);
                assertEquals("the database schema is being migrated",
                        check(waiting, "ledger-audit").getJsonObject("data").getString("last-run"), waiting::toString);

                sql.execute("UPDATE databasechangeloglock SET locked = FALSE, lockgranted = NULL, lockedby = NULL");
                server.awaitAnswer("/health/ready", 200, Duration.ofMinutes(2));
                String log = Files.readString(server.log());
                assertFalse(log.contains("does not exist"), "a probe read a table before it was made");
            }
        }
    }

    /**
     * Polls readiness until every check in {@code names} is among its checks: the server answers while it deploys,
     * before all of Tollgate's checks are registered.
     */
    private static JsonObject awaitReadinessWith(Api server, String... names) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                Api.Reply reply = server.get("/health/ready").send();
                last = reply.toString();
                if (Arrays.stream(names).allMatch(name -> reply.body().contains("\"" + name + "\""))) {
                    return reply.json();
                }
            } catch (RuntimeException notListeningYet) {
                last = notListeningYet.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("readiness never named all of " + Arrays.toString(names) + ": " + last);
    }

    // ---- ledger audit --------------------------------------------------------------------------------------------

    @Test
    void theLedgerAuditFindsABalanceChangedBehindTheServicesBack() throws SQLException {
        JsonObject clean = audit();
        assertEquals(0, clean.getInt("differences"), clean::toString);
        assertTrue(clean.getInt("accounts_checked") > 0, clean::toString);

        String userId = openAccount("corrupted", "4");
        changeBalanceBehindTheServicesBack(userId, "+ 0.000000000000000001");
        try {
            JsonObject found = audit();
            assertEquals(1, found.getInt("differences"), found::toString);
            JsonObject example = found.getJsonArray("examples").getJsonObject(0);
            assertEquals(userId, example.getString("user_id"));
            assertEquals(new BigDecimal("4.000000000000000001"), example.getJsonNumber("balance").bigDecimalValue());
            assertEquals(new BigDecimal("4"), example.getJsonNumber("balance_from_entries").bigDecimalValue()
                    .stripTrailingZeros());
            assertEquals(found, api().get("/admin/ledger/audit").bearer(adminToken()).send().json());
            assertEquals(1.0, metrics("tollgate_ledger_audit_differences").values().iterator().next(), 0.0);
            JsonObject ready = api().get("/health/ready").send().json();
            // Payara renders a check's numbers as strings, SmallRye as numbers: compare the text.
            assertEquals("1", check(ready, "ledger-audit").getJsonObject("data").get("differences").toString()
                    .replace("\"", ""), ready::toString);
        } finally {
            changeBalanceBehindTheServicesBack(userId, "- 0.000000000000000001");
        }
        assertEquals(0, audit().getInt("differences"));
        assertProblem(api().post("/admin/ledger/audit", "").bearer(userToken(userId)).send(), 403, "forbidden");
    }

    // ---- API documentation ---------------------------------------------------------------------------------------

    @Test
    void theOpenApiDocumentDescribesExactlyTheResourcesAndEveryProblem() throws Exception {
        Api.Reply reply = api().get("/openapi").header("Accept", "application/json").send();
        assertEquals(200, reply.status(), reply::toString);
        JsonObject document = reply.json();
        Set<String> documented = new TreeSet<>();
        document.getJsonObject("paths").forEach((path, operations) -> operations.asJsonObject().keySet()
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        assertEquals(Endpoints.ofResources(), documented, "documented operations = JAX-RS resource methods");
        for (String operation : documented) {
            String[] parts = operation.split(" ", 2);
            JsonObject responses = document.getJsonObject("paths").getJsonObject(parts[1])
                    .getJsonObject(parts[0].toLowerCase(Locale.ROOT)).getJsonObject("responses");
            assertTrue(responses.containsKey("200"), operation + " documents its answer");
        }
        for (ProblemType type : ProblemType.values()) {
            assertTrue(reply.body().contains(type.uri()), type.uri() + " is documented");
        }
        assertEquals(Set.of("userJwt", "admin", "partnerKey", "webhookSignature", "webhookSecret"),
                document.getJsonObject("components").getJsonObject("securitySchemes").keySet());
    }

    @Test
    void swaggerUiCallsTheServiceFromARealBrowser() {
        Assumptions.assumeTrue(Browser.isInstalled(), "Chromium and chromedriver (apt-get install chromium"
                + " chromium-driver; .ci/run installs them where it can)");
        String userId = openAccount("swagger", "7.25");
        ChromeDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get("http://127.0.0.1:" + api().port() + "/api-docs/");
            wait.until(d -> !d.findElements(By.cssSelector("#operations-accounts-balance")).isEmpty());

            browser.findElement(By.cssSelector(".auth-wrapper button.authorize")).click();
            WebElement adminScheme = wait.until(d -> d.findElements(By.cssSelector(".auth-container")).stream()
                    .filter(c -> c.findElement(By.tagName("h4")).getText().trim().startsWith("admin"))
                    .findFirst().orElse(null));
            adminScheme.findElement(By.cssSelector("input")).sendKeys(adminToken());
            adminScheme.findElement(By.cssSelector("button.authorize")).click();
            browser.findElement(By.cssSelector("button.btn-done")).click();

            WebElement operation = browser.findElement(By.cssSelector("#operations-accounts-balance"));
            operation.findElement(By.cssSelector(".opblock-summary")).click();
            wait.until(d -> operation.findElement(By.cssSelector("button.try-out__btn"))).click();
            WebElement userIdField = operation.findElement(By.cssSelector("input[placeholder='userId']"));
            userIdField.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE); // the schema's example is filled in
            userIdField.sendKeys(userId);
            operation.findElement(By.cssSelector("button.execute")).click();
            WebElement answer = wait.until(d -> operation.findElements(By.cssSelector(".live-responses-table"
                    + " .response .microlight")).stream().findFirst().orElse(null));
            String status = operation.findElement(By.cssSelector(
                    ".live-responses-table .response .response-col_status")).getText();
            assertEquals("200", status.trim());
            assertTrue(answer.getText().contains("\"balance\": 7.25"), answer.getText());
            Path shot = TestEnvironment.workDirectory().resolve("swagger-ui.png");
            Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException | AssertionError e) { // keep what the browser showed, for whoever reads the failure
            try {
                Files.writeString(TestEnvironment.workDirectory().resolve("swagger-ui-failure.html"),
                        browser.getPageSource());
                Files.write(TestEnvironment.workDirectory().resolve("swagger-ui-failure.png"),
                        browser.getScreenshotAs(OutputType.BYTES));
            } catch (IOException | RuntimeException ignored) {
                e.addSuppressed(ignored);
            }
            throw e;
        } finally {
            browser.quit();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private JsonObject audit() {
        Api.Reply reply = api().post("/admin/ledger/audit", "").bearer(adminToken()).send();
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private static void changeBalanceBehindTheServicesBack(String userId, String change) throws SQLException {
        try (Connection db = DriverManager.getConnection(TestEnvironment.database().url(),
                TestEnvironment.database().user(), TestEnvironment.database().password());
             PreparedStatement update = db.prepareStatement(
                     "UPDATE account SET balance = balance " + change + " WHERE user_id = ?")) {
            update.setString(1, userId);
            assertEquals(1, update.executeUpdate());
        }
    }

    /** The named samples' values in one scrape of {@code /metrics} (0 for a sample not yet there). */
    private Map<String, Double> metrics(String... samples) {
        String scrape = api().get("/metrics").send().body();
        Map<String, Double> values = new java.util.HashMap<>();
        for (String sample : samples) {
            Matcher value = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE)
                    .matcher(scrape);
            values.put(sample, value.find() ? Double.parseDouble(value.group(1)) : 0.0);
        }
        return values;
    }

    private static List<String> checkNames(JsonObject health) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .map(check -> check.getString("name")).sorted().toList();
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in " + health));
    }

    /** The log records (header with the thread's name, and message) that mention {@code text}. */
    private static List<String> awaitLogRecords(String text) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            List<String> records = Pattern.compile("(?m)^(?=\\[\\d{4}-)").splitAsStream(TestEnvironment.arquillianLog())
                    .filter(record -> record.contains(text)).toList();
            if (!records.isEmpty()) {
                return records;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.of();
    }
}
