package io.tollgate.about;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code GET /}: Puku's and Pluct's service info, merged. */
@Path("/")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ServiceInfoResource {

    /** Every endpoint, as {@code METHOD /path}; {@code DocsAgreeWithCodeTest} keeps it complete. */
    public static final List<String> ENDPOINTS = List.of(
            "GET /", "GET /health", "GET /health/live", "GET /health/ready", "GET /health/started", "GET /metrics",
            "GET /openapi",
            "POST /user/create", "GET /user/{userId}/balance", "GET /user/{userId}/transactions",
            "GET /admin/users", "GET /admin/transactions", "POST /admin/credits/add", "POST /admin/credits/deduct",
            "POST /admin/users/{userId}/block", "POST /admin/users/{userId}/unblock",
            "POST /admin/users/{userId}/debt/write-off", "GET /admin/ledger/audit", "POST /admin/ledger/audit", "GET /admin/audit",
            "POST /vend-token", "POST /validate-token", "POST /tokens/{jti}/revoke", "GET /.well-known/jwks.json",
            "POST /admin/tokens/signing-keys/rotate",
            "POST /admin/api-keys/create", "GET /admin/api-keys", "POST /admin/api-keys/{id}/revoke",
            "POST /admin/api-keys/{id}/rotate", "POST /v1/credits/add", "POST /add-credits", "POST /webhooks/payments",
            "GET /admin/payments/refused",
            "POST /api/key", "GET /admin/llm-keys", "POST /admin/llm-keys/{userId}/rotate",
            "POST /admin/llm-keys/{userId}/revoke", "POST /admin/llm-keys/reconcile");

    @Inject
    @ConfigProperty(name = "tollgate.environment", defaultValue = "development")
    String environment;

    private final String version = readVersion();

    @JsonbPropertyOrder({"service", "status", "version", "environment", "endpoints"})
    public record ServiceInfo(String service, String status, String version, String environment,
                              List<String> endpoints) {
    }

    @GET
    public ServiceInfo info() {
        return new ServiceInfo("Tollgate", "running", version, environment, ENDPOINTS);
    }

    private static String readVersion() {
        try (InputStream in = ServiceInfoResource.class.getResourceAsStream("build.properties")) {
            Properties build = new Properties();
            build.load(in);
            return build.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
