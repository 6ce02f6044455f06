package io.tollgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Base of the integration tests: the built WAR deployed to Payara Micro, talked to over HTTP as a client would.
 * Each subclass is one deployment; tests isolate themselves with fresh user ids instead of clean databases.
 */
@ArquillianTest
public abstract class DeployedTollgate {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.tollgate();
    }

    protected Api api() {
        return new Api(base);
    }

    protected static TokenMinter tokens() {
        return TestEnvironment.tokens();
    }

    protected static String adminToken() {
        return tokens().admin("ops@example.com");
    }

    protected static String userToken(String userId) {
        return tokens().user(userId);
    }

    protected static String freshUserId(String purpose) {
        return purpose + "-" + UUID.randomUUID();
    }

    /** Opens an account through the admin API with the given credits and answers its user id. */
    protected String openAccount(String purpose, String credits) {
        String userId = freshUserId(purpose);
        JsonObject body = Json.createObjectBuilder().add("userId", userId)
                .add("initialCredits", new BigDecimal(credits)).build();
        Api.Reply reply = api().post("/user/create", body).bearer(adminToken()).send();
        assertEquals(200, reply.status(), reply::toString);
        return userId;
    }

    /** The row whose {@code field} is {@code value} in an admin listing answered as a bare array, paging through it. */
    protected JsonObject listedRow(String path, String field, String value) {
        String cursor = null;
        do {
            Api.Reply page = api().get(path + "?limit=100" + (cursor == null ? "" : "&cursor=" + cursor))
                    .bearer(adminToken()).send();
            assertEquals(200, page.status(), page::toString);
            for (JsonObject row : page.jsonArray().getValuesAs(JsonObject.class)) {
                if (row.getString(field).equals(value)) {
                    return row;
                }
            }
            cursor = page.header("X-Next-Cursor");
        } while (cursor != null);
        throw new AssertionError(value + " is not listed by " + path);
    }

    protected BigDecimal balanceOf(String userId) {
        Api.Reply reply = api().get("/user/" + userId + "/balance").bearer(adminToken()).send();
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonNumber("balance").bigDecimalValue();
    }
}
