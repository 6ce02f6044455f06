package io.tollgate.testing;

import io.tollgate.observability.EndpointTemplate;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Every JAX-RS resource method of the built classes, as {@code METHOD /path/{template}} (the metrics' template). */
public final class Endpoints {

    private static final java.nio.file.Path CLASSES = java.nio.file.Path.of("target/classes");

    private Endpoints() {
    }

    public static Set<String> ofResources() {
        Set<String> endpoints = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(CLASSES)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, Endpoints.class.getClassLoader());
                if (type.isInterface() || !type.isAnnotationPresent(Path.class)) { // interfaces: REST clients
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    httpMethod(method).ifPresent(verb -> endpoints.add(verb + " " + EndpointTemplate.of(type, method)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return endpoints;
    }

    private static Optional<String> httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return Optional.of(verb.value());
            }
        }
        return Optional.empty();
    }
}
