package io.tollgate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the mechanical parts of the docs true: every property the code reads is in {@code docs/configuration.md}
 * with its default, and every JAX-RS endpoint is in {@code docs/api.md} and in the list {@code GET /} answers.
 */
class DocsAgreeWithCodeTest {

    private static final java.nio.file.Path SOURCES = Paths.get("src/main/java");
    private static final Pattern CONFIG_PROPERTY =
            Pattern.compile("@ConfigProperty\\(name = \"([^\"]+)\"(?:, defaultValue = \"([^\"]*)\")?\\)");
    private static final Pattern LOOKED_UP = Pattern.compile("get(?:Optional)?Value\\(\"([^\"]+[^.\"])\"");
    /** A setting the server reads for Tollgate, as Payara writes it in {@code server-config/}. */
    private static final Pattern SERVER_READS = Pattern.compile("\\$\\{MPCONFIG=([^}:]+)");
    private static final Pattern RATE_LIMITED = Pattern.compile("@RateLimited\\(\"(\\w+)\"\\)");
    private static final Pattern RATE_DEFAULT = Pattern.compile("\"(\\w+)\", \"(\\d+/\\w+)\"");

    @Test
    void everyPropertyTheCodeReadsIsDocumentedWithItsDefault() throws IOException {
        String docs = Files.readString(Paths.get("docs/configuration.md"));
        Map<String, Optional<String>> properties = propertiesReadByTheCode();
        assertTrue(properties.size() > 40, "found only " + properties.keySet());
        List<String> wrong = new ArrayList<>();
        properties.forEach((name, defaultValue) -> {
            Optional<String> row = docs.lines().filter(line -> line.startsWith("| `" + name + "` |")).findFirst();
            if (row.isEmpty()) {
                wrong.add(name + " is not in configuration.md");
            } else if (defaultValue.isPresent() && !row.get().split("\\|")[3].contains("`" + defaultValue.get() + "`")) {
                wrong.add(name + ": the default `" + defaultValue.get() + "` is not in its row");
            } else if (!row.get().contains("`" + name.toUpperCase().replaceAll("[^A-Z0-9]", "_") + "`")) {
                wrong.add(name + ": its environment variable is not in its row");
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void theDeployScriptsCarryEveryDocumentedSetting() throws IOException {
        List<String> documented = Files.readString(Paths.get("docs/configuration.md")).lines()
                .filter(line -> line.startsWith("| `tollgate.") || line.startsWith("| `mp.jwt."))
                .map(line -> line.split("`")[1]).filter(name -> !name.startsWith("tollgate.db.")).sorted().toList();
        List<String> carried = Files.readString(Paths.get("server-config/tollgate-settings.txt")).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.split(" ")[0]).sorted().toList();
        assertEquals(documented, carried, "server-config/tollgate-settings.txt against docs/configuration.md");
    }

    @Test
    void everyEndpointIsInTheApiDocument() throws Exception {
        String docs = Files.readString(Paths.get("docs/api.md"));
        List<String> endpoints = endpoints();
        assertTrue(endpoints.size() > 20, "found only " + endpoints);
        List<String> missing = endpoints.stream()
                .filter(endpoint -> !Pattern.compile(Pattern.quote(endpoint.substring(endpoint.indexOf(' ') + 1))
                        + "[`?,) ]").matcher(docs).find())
                .toList();
        assertEquals(List.of(), missing, "endpoints missing from docs/api.md");
    }

    @Test
    void serviceInfoListsEveryEndpoint() throws Exception {
        List<String> missing = endpoints().stream()
                .filter(endpoint -> !io.tollgate.about.ServiceInfoResource.ENDPOINTS.contains(endpoint)).toList();
        assertEquals(List.of(), missing, "endpoints missing from GET /");
    }

    private static Map<String, Optional<String>> propertiesReadByTheCode() throws IOException {
        Map<String, Optional<String>> properties = new TreeMap<>();
        try (Stream<java.nio.file.Path> files = Files.walk(SOURCES)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher annotated = CONFIG_PROPERTY.matcher(source);
                while (annotated.find()) {
                    properties.put(annotated.group(1), Optional.ofNullable(annotated.group(2)));
                }
                putAllFound(LOOKED_UP, source, properties);
                Matcher limited = RATE_LIMITED.matcher(source);
                while (limited.find()) {
                    properties.put("tollgate.rate-limit." + limited.group(1), Optional.empty());
                }
            }
        }
        try (Stream<java.nio.file.Path> files = Files.walk(Paths.get("server-config"))) {
            for (java.nio.file.Path file : files.filter(Files::isRegularFile).toList()) {
                putAllFound(SERVER_READS, Files.readString(file), properties);
            }
        }
        Matcher defaults = RATE_DEFAULT.matcher(Files.readString(SOURCES.resolve("io/tollgate/ratelimit/RateLimiter.java")));
        while (defaults.find()) {
            properties.put("tollgate.rate-limit." + defaults.group(1), Optional.of(defaults.group(2)));
        }
        return properties;
    }

    private static void putAllFound(Pattern named, String text, Map<String, Optional<String>> properties) {
        Matcher matcher = named.matcher(text);
        while (matcher.find()) {
            properties.putIfAbsent(matcher.group(1), Optional.empty());
        }
    }

    /** {@code METHOD /path} of every resource method, from the compiled classes. */
    private static List<String> endpoints() throws Exception {
        java.nio.file.Path classes = Paths.get("target/classes");
        List<String> endpoints = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("io/tollgate"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, DocsAgreeWithCodeTest.class.getClassLoader());
                Path root = type.getAnnotation(Path.class);
                if (root == null || type.isInterface()) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    Optional<String> verb = verb(method);
                    if (verb.isPresent()) {
                        Path sub = method.getAnnotation(Path.class);
                        String path = ("/" + root.value() + "/" + (sub == null ? "" : sub.value()))
                                .replaceAll("/+", "/").replaceAll("(.)/$", "$1");
                        endpoints.add(verb.get() + " " + path);
                    }
                }
            }
        }
        return endpoints;
    }

    private static Optional<String> verb(Method method) {
        for (Class<? extends Annotation> verb : List.of(GET.class, POST.class, PUT.class, PATCH.class, DELETE.class)) {
            if (method.isAnnotationPresent(verb)) {
                return Optional.of(verb.getSimpleName());
            }
        }
        return Optional.empty();
    }
}
