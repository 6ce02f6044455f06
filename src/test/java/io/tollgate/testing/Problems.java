package io.tollgate.testing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.regex.Pattern;

/** Assertions on RFC 9457 problem answers, including the seed services' members and what must never leak. */
public final class Problems {

    private static final Pattern LEAKS = Pattern.compile(
            "(?i)exception|\\bat [a-z]+\\.[a-z]|\\bselect\\b|\\binsert\\b|\\bupdate\\b.*\\bset\\b|postgres|eclipselink|sqlstate");

    private Problems() {
    }

    public static JsonObject assertProblem(Api.Reply reply, int status, String typeSlug) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(String.valueOf(reply.contentType()).startsWith("application/problem+json"), reply::toString);
        JsonObject problem = reply.json();
        assertAll(reply.toString(),
                () -> assertEquals("urn:tollgate:problem:" + typeSlug, problem.getString("type")),
                () -> assertEquals(status, problem.getInt("status")),
                () -> assertEquals(status, problem.getInt("code")),
                () -> assertFalse(problem.getBoolean("success")),
                () -> assertFalse(problem.getString("title").isBlank()),
                () -> assertEquals(problem.getString("detail"), problem.getString("error")),
                () -> assertFalse(LEAKS.matcher(reply.body()).find(), "the answer leaks internals"));
        return problem;
    }
}
