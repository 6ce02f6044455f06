package io.tollgate.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signing in to the console with the company's OpenID Connect provider: the authorization code flow with PKCE,
 * {@code state} and {@code nonce} kept in the pre-sign-in session, the ID token verified by Nimbus against the
 * provider's published keys (issuer, audience, expiry, nonce), and admission only for members of
 * {@code tollgate.console.oidc.admin-group}. The provider is found by discovery from its issuer.
 */
@ApplicationScoped
@jakarta.inject.Named
public class ConsoleOidc {

    private static final Logger LOG = Logger.getLogger(ConsoleOidc.class.getName());
    static final String START = ConsoleSignIn.PATH + "oidc";
    static final String CALLBACK = ConsoleSignIn.PATH + "oidc/callback";
    private static final String PENDING = ConsoleOidc.class.getName() + ".pending";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    @ConfigProperty(name = "tollgate.console.oidc.issuer")
    Optional<String> issuer;
    @Inject
    @ConfigProperty(name = "tollgate.console.oidc.client-id")
    Optional<String> clientId;
    @Inject
    @ConfigProperty(name = "tollgate.console.oidc.client-secret")
    Optional<String> clientSecret;
    @Inject
    @ConfigProperty(name = "tollgate.console.oidc.admin-group", defaultValue = "tollgate-admins")
    String adminGroup;
    @Inject
    @ConfigProperty(name = "tollgate.console.oidc.groups-claim", defaultValue = "groups")
    String groupsClaim;
    /** The callback address the provider knows, when a proxy's address differs from what the server sees. */
    @Inject
    @ConfigProperty(name = "tollgate.console.oidc.redirect-uri")
    Optional<String> redirectUri;

    private volatile Provider provider;

    /** What the provider's discovery document says, and a verifier of its ID tokens. */
    private record Provider(URI authorization, URI token, DefaultJWTProcessor<SecurityContext> idTokens) {
    }

    /** The flow under way in this browser's session. */
    private record Pending(String state, String nonce, String verifier) implements java.io.Serializable {
    }

    public boolean isConfigured() {
        return issuer.isPresent() && clientId.isPresent() && clientSecret.isPresent();
    }

    /** Where to send the browser to sign in: the provider's authorization endpoint, with a fresh state and nonce. */
    URI start(HttpServletRequest request) {
        Pending pending = new Pending(random(), random(), random());
        request.getSession(true).setAttribute(PENDING, pending);
        return URI.create(provider().authorization() + "?" + form(Map.of(
                "response_type", "code", "client_id", clientId.orElseThrow(), "scope", "openid profile email",
                "redirect_uri", callback(request), "state", pending.state(), "nonce", pending.nonce(),
                "code_challenge", challenge(pending.verifier()), "code_challenge_method", "S256")));
    }

    /** Finishes the flow the provider sent the browser back to; the admin's name when they may use the console. */
    Optional<String> finish(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Pending pending = session == null ? null : (Pending) session.getAttribute(PENDING);
        String code = request.getParameter("code");
        String state = request.getParameter("state");
        if (pending == null || code == null || state == null || !Secrets.constantTimeEquals(state, pending.state())) {
            return Optional.empty();
        }
        session.removeAttribute(PENDING);
        try {
            JWTClaimsSet claims = provider().idTokens().process(idToken(code, pending, request), null);
            if (!pending.nonce().equals(claims.getStringClaim("nonce"))) {
                return Optional.empty();
            }
            List<String> groups = Optional.ofNullable(claims.getStringListClaim(groupsClaim)).orElse(List.of());
            if (!groups.contains(adminGroup)) {
                LOG.info("Console sign-in refused: " + claims.getSubject() + " is not in " + adminGroup);
                return Optional.empty();
            }
            return Optional.ofNullable(claims.getClaim("preferred_username"))
                    .or(() -> Optional.ofNullable(claims.getClaim("email"))).map(Object::toString)
                    .or(() -> Optional.of(claims.getSubject()));
        } catch (Exception refused) { // a bad token or a provider that failed: no sign-in, and say why in the log
            LOG.log(Level.WARNING, "Console sign-in with the identity provider failed: " + refused.getMessage());
            return Optional.empty();
        }
    }

    private String idToken(String code, Pending pending, HttpServletRequest request) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId.orElseThrow(), StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(clientSecret.orElseThrow(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(provider().token())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", callback(request), "code_verifier", pending.verifier()))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("the token endpoint answered " + answer.statusCode());
        }
        return json(answer.body()).getString("id_token");
    }

    private Provider provider() {
        Provider known = provider;
        if (known == null) {
            try {
                String base = issuer.orElseThrow();
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(
                        base.replaceAll("/$", "") + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                JsonObject discovery = json(answer.body());
                if (!base.equals(discovery.getString("issuer"))) {
                    throw new IllegalStateException("the discovery document names another issuer");
                }
                DefaultJWTProcessor<SecurityContext> idTokens = new DefaultJWTProcessor<>();
                idTokens.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                        JWKSourceBuilder.create(URI.create(discovery.getString("jwks_uri")).toURL()).build()));
                idTokens.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId.orElseThrow(),
                        new JWTClaimsSet.Builder().issuer(base).build(), Set.of("sub", "exp", "iat", "nonce")));
                known = new Provider(URI.create(discovery.getString("authorization_endpoint")),
                        URI.create(discovery.getString("token_endpoint")), idTokens);
                provider = known;
            } catch (IOException e) {
                throw new IllegalStateException("The identity provider's discovery document could not be read", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return known;
    }

    private String callback(HttpServletRequest request) {
        return redirectUri.orElseGet(() -> request.getScheme() + "://" + request.getServerName() + ":"
                + request.getServerPort() + request.getContextPath() + CALLBACK);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
