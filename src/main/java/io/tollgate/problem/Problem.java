package io.tollgate.problem;

import io.tollgate.observability.RequestId;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders a problem as {@code application/problem+json}. Besides RFC 9457's members it carries the members the
 * seed services' clients read: Pluct's {@code error} and {@code code}, Puku's {@code success: false}; and the
 * {@code request_id} the answer's {@code X-Request-Id} header names, to find the request's log lines.
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

    /** Writes the problem on a servlet response, for answers given outside JAX-RS (filters, the error page). */
    public static void write(HttpServletResponse response, ProblemException problem) throws IOException {
        response.resetBuffer();
        response.setStatus(problem.type().status());
        problem.headers().forEach(response::setHeader);
        response.setContentType(MEDIA_TYPE.toString());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body(problem.type(), problem.detail()).toString());
    }

    public static JsonObject body(ProblemType type, String detail) {
        String message = detail == null || detail.isBlank() ? type.title() : detail;
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", type.uri())
                .add("title", type.title())
                .add("status", type.status())
                .add("detail", message)
                .add("error", message)
                .add("code", type.status())
                .add("success", false);
        RequestId.current().ifPresent(id -> body.add("request_id", id));
        return body.build();
    }
}
