package io.tollgate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Tollgate's REST API, served at the root so the seed services' paths keep working. Its OpenAPI document is
 * {@code META-INF/openapi.yaml}.
 */
@ApplicationPath("/")
@ApplicationScoped
public class TollgateApplication extends Application {
}
