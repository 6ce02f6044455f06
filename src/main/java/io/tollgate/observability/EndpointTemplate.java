package io.tollgate.observability;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Names the endpoint a request matched by its path template ({@code /user/{userId}/balance}), never the path
 * itself: metric labels stay few, and never carry a user id or a token. Requests no resource matched are named by
 * their servlet mapping ({@code /metrics}, {@code /health/*}) or {@code unmatched}.
 */
@Provider
public class EndpointTemplate implements ContainerRequestFilter {

    private static final String ATTRIBUTE = EndpointTemplate.class.getName();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource.getResourceClass() != null && resource.getResourceMethod() != null) {
            request.setProperty(ATTRIBUTE, of(resource.getResourceClass(), resource.getResourceMethod()));
        }
    }

    /** The path template of a resource method: its class's {@code @Path} and its own, joined. */
    public static String of(Class<?> resourceClass, Method method) {
        String template = (path(resourceClass) + path(method)).replaceAll("/+", "/");
        return template.length() > 1 && template.endsWith("/") ? template.substring(0, template.length() - 1)
                : template;
    }

    static String of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String template) {
            return template;
        }
        String pattern = Optional.ofNullable(request.getHttpServletMapping()).map(HttpServletMapping::getPattern)
                .orElse("");
        return pattern.isEmpty() || pattern.equals("/") || pattern.equals("/*") ? "unmatched" : pattern;
    }

    private static String path(AnnotatedElement element) {
        return Optional.ofNullable(element.getAnnotation(Path.class)).map(p -> "/" + p.value()).orElse("");
    }
}
