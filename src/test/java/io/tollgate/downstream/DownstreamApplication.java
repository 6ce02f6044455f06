package io.tollgate.downstream;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * A stand-in for a customer's downstream service: a plain MicroProfile JWT application whose only knowledge of
 * Tollgate is {@code mp.jwt.verify.publickey.location} (Tollgate's JWKS) and {@code mp.jwt.verify.issuer}.
 */
@ApplicationPath("/")
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"access"})
public class DownstreamApplication extends Application {
}
