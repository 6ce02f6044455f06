package io.tollgate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** Tollgate's REST API, served at the root so the seed services' paths keep working. */
@ApplicationPath("/")
@ApplicationScoped
@OpenAPIDefinition(info = @Info(title = "Tollgate", version = "1",
        description = "Credit balances, an exact ledger, and the credentials users spend credits on."))
public class TollgateApplication extends Application {
}
