package io.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other integration test (its own failsafe execution, see pom.xml) and reads what every server of
 * the run logged: no configured secret, no token, no OpenRouter key and no partner key may appear in any of it.
 */
class LogsHoldNoSecretsIT {

    private static final Path RUN = Path.of(System.getProperty("tollgate.test.dir", "target/it"));
    /** Shapes of credentials Tollgate handles: a JWT, an OpenRouter key, a partner key with its secret. */
    private static final Pattern CREDENTIAL = Pattern.compile(
            "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}"
                    + "|sk-or-v1-[0-9a-f]{16,}|tgk_\\d+_[A-Za-z0-9_-]{16,}");
    private static final Pattern SECRET_SETTING = Pattern.compile(".*(secret|password|master-key|management-key).*");

    @Test
    void noLogOfTheRunHoldsASecretATokenOrAKey() throws IOException {
        List<Path> logs = files(name -> name.contains(".log"));
        assertFalse(logs.isEmpty(), "the run's logs are under " + RUN);
        List<String> secrets = configuredSecrets();
        assertFalse(secrets.isEmpty(), "the run's settings name its secrets");
        List<String> leaks = new ArrayList<>();
        long bytes = 0;
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1); // any bytes, never a decoding failure
            bytes += text.length();
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    leaks.add(log + ": a configured secret (" + secret.substring(0, 3) + "…)");
                }
            }
            Matcher credential = CREDENTIAL.matcher(text);
            while (credential.find()) {
                leaks.add(log + ": " + credential.group().substring(0, 12) + "…");
            }
        }
        System.out.println("LOG SCAN: " + logs.size() + " log files, " + bytes / 1024 + " KiB, " + secrets.size()
                + " secrets and 3 credential shapes looked for, " + leaks.size() + " found");
        assertEquals(List.of(), leaks);
    }

    /** Every secret value of every server's settings (split where a setting lists several). */
    private static List<String> configuredSecrets() throws IOException {
        List<String> secrets = new ArrayList<>();
        for (Path settings : files(name -> name.equals("payara.properties"))) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(settings)) {
                properties.load(reader);
            }
            // The embedded database's password is its user name ("postgres"), which logs may name: not a secret.
            List<String> publicValues = properties.stringPropertyNames().stream()
                    .filter(name -> !SECRET_SETTING.matcher(name).matches()).map(properties::getProperty).toList();
            properties.stringPropertyNames().stream().filter(name -> SECRET_SETTING.matcher(name).matches())
                    .flatMap(name -> Stream.of(properties.getProperty(name).split(",")))
                    .map(String::trim).filter(value -> value.length() >= 8)
                    .filter(value -> publicValues.stream().noneMatch(known -> known.contains(value)))
                    .distinct().forEach(secrets::add);
        }
        return secrets;
    }

    private static List<Path> files(java.util.function.Predicate<String> named) throws IOException {
        try (Stream<Path> files = Files.walk(RUN)) {
            return files.filter(Files::isRegularFile).filter(f -> named.test(f.getFileName().toString()))
                    .filter(f -> !f.toString().contains("payara-root")).toList();
        }
    }
}
