package io.tollgate.problem;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Renders a problem as {@code application/problem+json}. Besides RFC 9457's members it carries the members the
 * seed services' clients read: Pluct's {@code error} and {@code code}, Puku's {@code success: false}.
 */
public final class Problem {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    private Problem() {
    }

    public static Response response(ProblemType type, String detail) {
        return response(type, detail, Map.of());
    }

    public static Response response(ProblemException problem) {
        return response(problem.type(), problem.detail(), problem.headers());
    }

    public static Response response(ProblemType type, String detail, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(type.status())
                .type(MEDIA_TYPE)
                .entity(body(type, detail).toString());
        headers.forEach(builder::header);
        return builder.build();
    }

    public static JsonObject body(ProblemType type, String detail) {
        String message = detail == null || detail.isBlank() ? type.title() : detail;
        return Json.createObjectBuilder()
                .add("type", type.uri())
                .add("title", type.title())
                .add("status", type.status())
                .add("detail", message)
                .add("error", message)
                .add("code", type.status())
                .add("success", false)
                .build();
    }
}
