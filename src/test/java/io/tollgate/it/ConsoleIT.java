package io.tollgate.it;

import static io.tollgate.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.testing.Api;
import io.tollgate.testing.Browser;
import io.tollgate.testing.DeployedTollgate;
import io.tollgate.testing.FakeIdentityProvider;
import io.tollgate.testing.TestEnvironment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin console, as an admin uses it in a real browser, and the audit trail it shares with the REST API. */
class ConsoleIT extends DeployedTollgate {

    private static final String ALREADY_DONE = "Already done: this form was sent before, and acted once";

    @Test
    void nothingButAConsoleSignInOpensTheConsole() {
        for (String token : List.of(TestEnvironment.adminSecret(), adminToken(), userToken("console-outsider"))) {
            Api.Reply reply = api().get("/console/users.xhtml").bearer(token).send();
            assertTrue(reply.status() == 302 || reply.status() == 303, reply::toString);
            assertTrue(reply.header("Location").endsWith("/console/login.xhtml"), reply::toString);
        }
        Api.Reply wrong = api().call("POST", "/console/login", null)
                .header("Content-Type", "application/x-www-form-urlencoded").send();
        assertTrue(wrong.header("Location").endsWith("/console/login.xhtml?failed"), wrong::toString);
        Api.Reply page = api().get("/console/login.xhtml").send();
        assertEquals(200, page.status(), page::toString);
        assertEquals("no-store", page.header("Cache-Control"), "issue 34: Back after Sign out must not show a page");
    }

    /**
     * A forged post: the attacker's page makes the admin's browser send the add-credits form (with the session
     * cookie, as if SameSite did not hold) but cannot read the page, so it has no view state. Nothing moves.
     */
    @Test
    void aForgedPostMovesNothing() throws Exception {
        String userId = openAccount("forged", "3");
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).build();
        java.net.URI console = java.net.URI.create("http://127.0.0.1:" + api().port() + "/console/");
        java.net.http.HttpResponse<String> signIn = browser.send(form(console.resolve("login"),
                "username=" + TestEnvironment.CONSOLE_ADMIN + "&password=" + TestEnvironment.consolePassword()),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(signIn.headers().firstValue("Location").orElse("").endsWith("/console/users.xhtml"), signIn::toString);
        for (String viewState : List.of("", "-4242424242424242424:4242424242424242424")) {
            java.net.http.HttpResponse<String> forged = browser.send(form(console.resolve("user.xhtml?id=" + userId),
                    "act=act&act%3Akey=" + UUID.randomUUID() + "&act%3Aamount=1000&act%3Aconfirm=on&act%3Aadd=Add+credits"
                            + "&jakarta.faces.ViewState=" + viewState), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertFalse(forged.body().contains("Added 1000 credits"), forged::body);
        }
        JsonObject balance = api().get("/user/" + userId + "/balance").bearer(adminToken()).send().json();
        assertEquals(0, new BigDecimal("3").compareTo(balance.getJsonNumber("balance").bigDecimalValue()), balance::toString);
        assertTrue(api().get("/admin/audit?userId=" + userId + "&action=credits.add").bearer(adminToken()).send()
                .jsonArray().isEmpty(), "nothing recorded");
    }

    @Test
    void adminsSignInWithTheCompanysIdentityProvider() throws Exception {
        FakeIdentityProvider provider = TestEnvironment.identityProvider();
        provider.signedInAs("carol", List.of("staff", "tollgate-admins"));
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).build();
        String console = "http://127.0.0.1:" + api().port() + "/console/";
        assertTrue(get(browser, console + "login.xhtml").body().contains("identity provider"), "offered on the sign-in page");

        java.net.http.HttpResponse<String> toProvider = get(browser, console + "oidc");
        String authorize = toProvider.headers().firstValue("Location").orElseThrow();
        assertTrue(authorize.startsWith(provider.issuer() + "/authorize?"), authorize);
        String callback = get(browser, authorize).headers().firstValue("Location").orElseThrow();
        java.net.http.HttpResponse<String> signedIn = get(browser, callback);
        assertTrue(signedIn.headers().firstValue("Location").orElse("").endsWith("/console/users.xhtml"), signedIn::toString);
        assertTrue(get(browser, console + "users.xhtml").body().contains("carol"), "signed in as carol");
        assertTrue(get(browser, callback).headers().firstValue("Location").orElse("").endsWith("?failed"),
                "a code and state are good once");

        provider.signedInAs("mallory", List.of("staff"));
        java.net.http.HttpClient outsider = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).build();
        String outsiderCallback = get(outsider, get(outsider, console + "oidc").headers().firstValue("Location")
                .orElseThrow()).headers().firstValue("Location").orElseThrow();
        assertTrue(get(outsider, outsiderCallback).headers().firstValue("Location").orElse("").endsWith("?failed"),
                "not in the admin group: refused");
        assertTrue(get(outsider, console + "users.xhtml").headers().firstValue("Location").orElse("")
                .endsWith("/console/login.xhtml"), "and not signed in");

        provider.signedInAs("eve", List.of("tollgate-admins"));
        java.net.http.HttpClient stranger = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).build();
        String stolen = get(stranger, get(stranger, console + "oidc").headers().firstValue("Location")
                .orElseThrow()).headers().firstValue("Location").orElseThrow();
        assertTrue(get(java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build(), stolen)
                .headers().firstValue("Location").orElse("").endsWith("?failed"), "a callback from another browser: refused");
    }

    private static java.net.http.HttpResponse<String> get(java.net.http.HttpClient browser, String uri) throws Exception {
        return browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(uri)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static java.net.http.HttpRequest form(java.net.URI uri, String body) {
        return java.net.http.HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void adminActionsThroughTheApiAreInTheAuditTrail() {
        String userId = openAccount("audited", "1");
        api().post("/admin/credits/add", Json.createObjectBuilder().add("userId", userId).add("amount", 2)
                .add("reason", "goodwill").build()).bearer(adminToken()).idempotencyKey(UUID.randomUUID().toString()).send();
        api().post("/admin/users/" + userId + "/block", "").bearer(adminToken()).send();
        List<JsonObject> trail = api().get("/admin/audit?userId=" + userId).bearer(adminToken()).send().jsonArray()
                .getValuesAs(JsonObject.class);
        assertEquals(List.of("user.block", "credits.add", "user.create"),
                trail.stream().map(r -> r.getString("action")).toList(), trail::toString);
        JsonObject credit = trail.get(1);
        assertEquals("api", credit.getString("channel"));
        assertEquals("goodwill", credit.getString("reason"));
        assertEquals("2", credit.getString("detail"));
        assertEquals("ops@example.com", credit.getString("admin"));
        assertEquals("127.0.0.1", credit.getString("remote_address"));
        assertProblem(api().get("/admin/audit").bearer(userToken(userId)).send(), 403, "forbidden");
    }

    @Test
    void anAdminDoesTheDayToDayWorkInABrowser() throws Exception {
        Assumptions.assumeTrue(Browser.isInstalled(), "Chromium and chromedriver (apt-get install chromium"
                + " chromium-driver; .ci/run installs them where it can)");
        String userId = openAccount("console", "11");
        Api.Reply vended = api().post("/vend-token", Json.createObjectBuilder().add("userId", userId).build())
                .bearer(adminToken()).idempotencyKey(UUID.randomUUID().toString()).send();
        assertEquals(200, vended.status(), vended::toString); // 1 credit: the balance is 10
        String console = "http://127.0.0.1:" + api().port() + "/console/";
        ChromeDriver browser = Browser.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // a wait may look at the page a form post is about to replace: look again on the new one
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        try {
            browser.get(console + "users.xhtml");
            assertTrue(browser.getCurrentUrl().endsWith("/console/login.xhtml"), browser.getCurrentUrl());
            shot(browser, "login");
            signIn(browser, "not-the-password");
            wait.until(d -> d.getCurrentUrl().endsWith("?failed"));
            assertTrue(browser.getPageSource().contains("Wrong name or password"));
            signIn(browser, TestEnvironment.consolePassword());
            wait.until(d -> d.getCurrentUrl().endsWith("/console/users.xhtml"));

            browser.findElement(By.id("find:search")).sendKeys(userId);
            browser.findElement(By.id("find:open")).click();
            wait.until(d -> d.getCurrentUrl().contains("/console/user.xhtml"));
            assertEquals("10", browser.findElement(By.id("balance")).getText());
            assertTrue(browser.findElement(By.id("tokens")).getText().contains(vended.json().getString("jti")),
                    "the user's recent tokens");

            // a triple click: the same form sent three times at once. One post moves the credits, the others are
            // told it already happened, and every page they draw carries the same fresh key, for the next move.
            browser.findElement(By.id("act:amount")).sendKeys("2.5");
            browser.findElement(By.id("act:reason")).sendKeys("refund for ticket 4711");
            browser.findElement(By.id("act:confirm")).click();
            String submittedKey = browser.findElement(By.id("act:key")).getAttribute("value");
            List<String> answers = sendThreeTimesAtOnce(browser, "act", "act:add");
            assertEquals(List.of("200|Added 2.5 credits", "200|" + ALREADY_DONE, "200|" + ALREADY_DONE),
                    answers.stream().map(a -> a.substring(0, a.lastIndexOf('|'))).sorted().toList(), answers::toString);
            List<String> nextKeys = answers.stream().map(a -> a.substring(a.lastIndexOf('|') + 1)).distinct().toList();
            assertEquals(1, nextKeys.size(), answers::toString);
            assertFalse(nextKeys.contains(submittedKey), () -> submittedKey + " drawn again: " + answers);
            browser.navigate().refresh();
            assertEquals("12.5", wait.until(d -> d.findElement(By.id("balance"))).getText(), "applied once");
            assertEquals(1, rows(browser, "ledger", "admin_add").size());
            assertTrue(rows(browser, "ledger", "admin_add").get(0).getText().contains("refund for ticket 4711"));
            List<WebElement> audit = rows(browser, "user-audit", "credits.add");
            assertEquals(1, audit.size());
            assertTrue(audit.get(0).getText().contains(TestEnvironment.CONSOLE_ADMIN), audit.get(0).getText());
            assertTrue(audit.get(0).getText().contains("console"), audit.get(0).getText());
            shot(browser, "user");

            // block, and the user's next vend is refused
            browser.findElement(By.id("act:confirm")).click();
            browser.findElement(By.id("act:block")).click();
            wait.until(d -> d.findElement(By.id("messages")).getText().contains("Blocked"));
            assertProblem(api().post("/vend-token", "").bearer(userToken(userId))
                    .idempotencyKey(UUID.randomUUID().toString()).send(), 403, "account-blocked");

            // a partner key: its secret once, working, then never shown again
            browser.get(console + "partners.xhtml");
            browser.findElement(By.id("create:description")).sendKeys("console test partner");
            browser.findElement(By.id("create:confirm")).click();
            browser.findElement(By.id("create:create-key")).click();
            String secret = wait.until(d -> d.findElement(By.id("issued-secret"))).getText().trim();
            Api.Reply credited = api().post("/v1/credits/add", Json.createObjectBuilder().add("userId", openAccount("partnered", "0"))
                    .add("amount", 1).build()).header("X-API-Key", secret).idempotencyKey(UUID.randomUUID().toString()).send();
            assertEquals(200, credited.status(), credited::toString);
            browser.get(console + "partners.xhtml");
            assertTrue(browser.findElements(By.id("issued-secret")).isEmpty());
            assertFalse(browser.getPageSource().contains(secret), "the secret is shown once only");
            WebElement keyRow = rows(browser, "partner-keys", "console test partner").get(0);
            assertEquals("1", keyRow.findElements(By.tagName("td")).get(6).getText(), "used today: the 1 credit it added");
            shot(browser, "partners");

            browser.get(console + "audit.xhtml?userId=" + userId);
            assertEquals(List.of("user.block", "credits.add", "user.create"), browser.findElements(By.cssSelector("#audit tr.audit"))
                    .stream().map(r -> r.findElements(By.tagName("td")).get(2).getText()).toList());
            shot(browser, "audit");
            browser.get(console + "users.xhtml");
            shot(browser, "users");

            browser.get(console + "overview.xhtml");
            assertTrue(browser.findElements(By.cssSelector("#chart rect")).size() >= 2, "the chart's bars");
            String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            WebElement todayRow = rows(browser, "days", today).get(0);
            assertTrue(new BigDecimal(todayRow.findElements(By.tagName("td")).get(1).getText()).compareTo(new BigDecimal("12.5")) >= 0,
                    "today's grants include this test's: " + todayRow.getText());
            shot(browser, "overview");

            browser.get(console + "signing-keys.xhtml");
            int signingKeys = browser.findElements(By.cssSelector("#signing-keys tr")).size();
            browser.findElement(By.id("rotate:confirm")).click();
            List<String> rotations = sendThreeTimesAtOnce(browser, "rotate", "rotate:rotate-key");
            assertEquals(1, rotations.stream().filter(a -> a.startsWith("200|Rotated")).count(), rotations::toString);
            assertEquals(2, rotations.stream().filter(a -> a.startsWith("200|" + ALREADY_DONE)).count(), rotations::toString);
            browser.findElement(By.id("rotate:confirm")).click();
            browser.findElement(By.id("rotate:rotate-key")).click(); // the page drawn before: its key was used
            wait.until(d -> d.findElement(By.id("messages")).getText().contains(ALREADY_DONE));
            assertEquals(signingKeys + 1, browser.findElements(By.cssSelector("#signing-keys tr")).size(), "one rotation");
            assertTrue(browser.findElements(By.cssSelector("#signing-keys tr")).stream()
                    .filter(r -> r.getText().contains("retired") && r.getText().contains("yes")).count() >= 1,
                    "the retired key is still published");
            shot(browser, "signing-keys");

            browser.get(console + "logout");
            browser.get(console + "users.xhtml");
            assertTrue(browser.getCurrentUrl().endsWith("/console/login.xhtml"), "signed out");
        } catch (RuntimeException | AssertionError e) { // keep what the browser showed, for whoever reads the failure
            Files.writeString(TestEnvironment.workDirectory().resolve("console-failure.html"), browser.getPageSource());
            shot(browser, "failure");
            throw e;
        } finally {
            browser.quit();
        }
    }

    /** Issue 34: the reason an admin gives is in the trail for every action, and an admin's token revocation too. */
    @Test
    void theReasonAnAdminGivesIsRecordedForEveryAction() {
        String userId = openAccount("reasons", "5");
        String jti = api().post("/vend-token", Json.createObjectBuilder().add("userId", userId).build())
                .bearer(adminToken()).idempotencyKey(UUID.randomUUID().toString()).send().json().getString("jti");
        for (String[] action : new String[][] {{"/admin/users/" + userId + "/block", "suspected fraud"},
                {"/admin/users/" + userId + "/unblock", "cleared by support"},
                {"/admin/llm-keys/" + userId + "/rotate", "routine rotation"},
                {"/admin/llm-keys/" + userId + "/revoke", "left the company"},
                {"/tokens/" + jti + "/revoke", "token leaked"}}) {
            Api.Reply done = api().post(action[0], Json.createObjectBuilder().add("reason", action[1]).build())
                    .bearer(adminToken()).send();
            assertEquals(200, done.status(), done::toString);
        }
        List<JsonObject> trail = api().get("/admin/audit?limit=100").bearer(adminToken()).send().jsonArray()
                .getValuesAs(JsonObject.class);
        java.util.Map<String, String> reasons = new java.util.HashMap<>();
        trail.stream().filter(r -> userId.equals(r.getString("user_id", null)) || jti.equals(r.getString("target", null)))
                .filter(r -> !r.getString("action").equals("user.create"))
                .forEach(r -> reasons.put(r.getString("action"), r.getString("reason", null)));
        assertEquals(java.util.Map.of("user.block", "suspected fraud", "user.unblock", "cleared by support",
                "llm-key.rotate", "routine rotation", "llm-key.revoke", "left the company", "token.revoke", "token leaked"),
                reasons, trail::toString);
    }

    /**
     * Issue 34, as a new admin found it: Rotate and Revoke act on any row of the partner keys (they acted only on the
     * last one), and every refusal of the user page is said on the page in the API's words (they were a raw 500).
     */
    @Test
    void everyRowActsAndEveryRefusalIsSaidOnThePage() throws Exception {
        Assumptions.assumeTrue(Browser.isInstalled(), "Chromium and chromedriver (apt-get install chromium"
                + " chromium-driver; .ci/run installs them where it can)");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Reply created = api().post("/admin/api-keys/create", Json.createObjectBuilder()
                    .add("description", "row " + i + " " + tag).build()).bearer(adminToken()).send();
            assertEquals(200, created.status(), created::toString);
            ids.add(created.json().getString("id"));
        }
        String userId = openAccount("refusals", "5");
        String jti = api().post("/vend-token", Json.createObjectBuilder().add("userId", userId).build())
                .bearer(adminToken()).idempotencyKey(UUID.randomUUID().toString()).send().json().getString("jti");
        String console = "http://127.0.0.1:" + api().port() + "/console/";
        ChromeDriver browser = Browser.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        try {
            browser.get(console + "users.xhtml");
            signIn(browser, TestEnvironment.consolePassword());
            wait.until(d -> d.getCurrentUrl().endsWith("/console/users.xhtml"));

            // two of three rows (at most one of them is the table's last): each acts on its own key
            browser.get(console + "partners.xhtml");
            clickInRow(browser, "partner-keys", ids.get(0), "Revoke");
            wait.until(d -> d.findElement(By.id("messages")).getText().contains("Key " + ids.get(0) + " revoked"));
            clickInRow(browser, "partner-keys", ids.get(1), "Rotate");
            wait.until(d -> d.findElement(By.id("messages")).getText().contains("Key " + ids.get(1) + " rotated"));
            java.util.Map<String, String> statuses = new java.util.HashMap<>();
            api().get("/admin/api-keys?limit=100").bearer(adminToken()).send().jsonArray().getValuesAs(JsonObject.class)
                    .forEach(k -> statuses.put(k.getString("id"), k.getString("status")));
            assertEquals(List.of("revoked", "active", "active"), ids.stream().map(statuses::get).toList());

            // refusals of the user page, each in the API's words, and nothing moved
            browser.get(console + "user.xhtml?id=" + userId);
            for (String[] refusal : new String[][] {{"10000.01", "add", "amount must be at most 10000"},
                    {"99999999999999999999999999", "add", "amount must be at most 10000"},
                    {"0.0000000000000000001", "add", "does not fit 20 digits and 18 decimal places"},
                    {"6", "deduct", "Insufficient credits"},
                    {"", "write-off", "A reason is required to write off a debt"}}) {
                WebElement amount = wait.until(d -> d.findElement(By.id("act:amount")));
                amount.clear();
                amount.sendKeys(refusal[0]);
                browser.findElement(By.id("act:confirm")).click();
                browser.findElement(By.id("act:" + refusal[1])).click();
                wait.until(d -> d.findElement(By.id("messages")).getText().contains(refusal[2]));
            }
            WebElement reason = browser.findElement(By.id("act:reason"));
            reason.sendKeys("goodwill");
            browser.findElement(By.id("act:confirm")).click();
            browser.findElement(By.id("act:write-off")).click();
            wait.until(d -> d.findElement(By.id("messages")).getText().contains("At most 0 credits are owed"));
            assertEquals("4", browser.findElement(By.id("balance")).getText(), "5 less the token: nothing moved");

            // a token revoked from its row, with the reason given
            WebElement tokenReason = browser.findElement(By.id("tokens-form:reason"));
            tokenReason.clear(); // the page's one reason, still the write-off's
            tokenReason.sendKeys("token leaked");
            browser.findElement(By.id("tokens-form:confirm")).click();
            clickInRow(browser, "tokens", jti, "Revoke");
            wait.until(d -> d.findElement(By.id("messages")).getText().contains("Token " + jti + " revoked"));
            assertTrue(rows(browser, "user-audit", "token.revoke").isEmpty(), "the trail of the user lists user actions");
            assertTrue(api().get("/admin/audit?action=token.revoke&limit=100").bearer(adminToken()).send().jsonArray()
                    .getValuesAs(JsonObject.class).stream().anyMatch(r -> jti.equals(r.getString("target", null))
                            && "token leaked".equals(r.getString("reason", null))));

            // a page for no account, or for no user id at all, says so
            browser.get(console + "user.xhtml?id=does-not-exist-" + tag);
            assertTrue(wait.until(d -> d.findElement(By.id("messages"))).getText()
                    .contains("User does-not-exist-" + tag + " not found"));
            browser.get(console + "user.xhtml?id=not%20an%20id");
            assertTrue(wait.until(d -> d.findElement(By.id("messages"))).getText().contains("userId must be 1 to 128"));
        } catch (RuntimeException | AssertionError e) {
            Files.writeString(TestEnvironment.workDirectory().resolve("console-rows-failure.html"), browser.getPageSource());
            throw e;
        } finally {
            browser.quit();
        }
    }

    /** Ticks the form's confirmation, then clicks the button named {@code button} in the row that shows {@code text}. */
    private static void clickInRow(ChromeDriver browser, String table, String text, String button) {
        WebElement row = rows(browser, table, text).get(0);
        WebElement form = row.findElement(By.xpath("./ancestor::form"));
        WebElement confirm = form.findElement(By.cssSelector("input[type=checkbox][id$=':confirm']"));
        if (!confirm.isSelected()) {
            confirm.click();
        }
        row.findElement(By.xpath(".//input[@value='" + button + "']")).click();
    }

    /**
     * Sends a form of the page three times at once, as a triple click does, through the given button; answers each
     * post's status, the messages on the page it drew and the key that page carries, as {@code status|messages|key}.
     */
    @SuppressWarnings("unchecked")
    private static List<String> sendThreeTimesAtOnce(ChromeDriver browser, String form, String button) {
        return (List<String>) browser.executeScript("""
                const form = document.getElementById(arguments[0]);
                const data = new URLSearchParams(new FormData(form));
                data.append(arguments[1], document.getElementById(arguments[1]).value);
                const send = () => fetch(form.action, {method: 'POST', body: data, credentials: 'same-origin'})
                    .then(r => r.text().then(html => {
                        const page = new DOMParser().parseFromString(html, 'text/html');
                        const messages = page.getElementById('messages');
                        const key = page.getElementById(arguments[0] + ':key');
                        return [r.status, messages ? messages.textContent.trim() : '', key ? key.value : ''].join('|');
                    }));
                return Promise.all([send(), send(), send()]);""", form, button);
    }

    private static void signIn(ChromeDriver browser, String password) {
        browser.findElement(By.id("username")).sendKeys(TestEnvironment.CONSOLE_ADMIN);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("signin-submit")).click();
    }

    private static List<WebElement> rows(ChromeDriver browser, String table, String containing) {
        return browser.findElements(By.cssSelector("#" + table + " tr")).stream()
                .filter(row -> row.getText().contains(containing)).toList();
    }

    /** Screenshots of a real run, for docs/console.md. */
    private static void shot(ChromeDriver browser, String page) throws IOException {
        Path dir = Files.createDirectories(TestEnvironment.workDirectory().resolve("console"));
        Files.write(dir.resolve(page + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
