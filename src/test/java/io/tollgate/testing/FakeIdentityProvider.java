package io.tollgate.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A company's OpenID Connect provider on loopback, for the console's sign-in: discovery, an authorization endpoint
 * that answers at once for the user the test says is signed in there, a token endpoint that checks the client's
 * credentials, the code (once), the redirect address and the PKCE verifier, and the keys its ID tokens are signed with.
 */
public final class FakeIdentityProvider implements AutoCloseable {

    public static final String CLIENT_ID = "tollgate-console";

    private final HttpServer server;
    private final String clientSecret;
    private final ECKey key;
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
    private volatile String user = "nobody";
    private volatile List<String> groups = List.of();

    private FakeIdentityProvider(String clientSecret) throws IOException, JOSEException {
        this.clientSecret = clientSecret;
        this.key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/openid-configuration", exchange -> send(exchange, 200,
                Json.createObjectBuilder().add("issuer", issuer()).add("authorization_endpoint", issuer() + "/authorize")
                        .add("token_endpoint", issuer() + "/token").add("jwks_uri", issuer() + "/jwks").build().toString()));
        server.createContext("/jwks", exchange -> send(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    public static FakeIdentityProvider start(String clientSecret) {
        try {
            return new FakeIdentityProvider(clientSecret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Who the browser is signed in as at the provider, from now on. */
    public void signedInAs(String name, List<String> memberOf) {
        user = name;
        groups = List.copyOf(memberOf);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
                || !"S256".equals(query.get("code_challenge_method"))) {
            send(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        Map<String, String> grant = new HashMap<>(query);
        grant.put("user", user);
        grant.put("groups", String.join(",", groups));
        codes.put(code, grant);
        exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
        Map<String, String> grant = codes.remove(String.valueOf(form.get("code")));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization")) || grant == null
                || !grant.get("redirect_uri").equals(form.get("redirect_uri"))
                || !grant.get("code_challenge").equals(challenge(form.get("code_verifier")))) {
            send(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        try {
            Instant now = Instant.now();
            SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(issuer()).subject("sub-" + grant.get("user")).audience(CLIENT_ID)
                            .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                            .claim("nonce", grant.get("nonce")).claim("preferred_username", grant.get("user"))
                            .claim("groups", List.of(grant.get("groups").split(","))).build());
            idToken.sign(new ECDSASigner(key));
            send(exchange, 200, Json.createObjectBuilder().add("id_token", idToken.serialize())
                    .add("access_token", UUID.randomUUID().toString()).add("token_type", "Bearer").build().toString());
        } catch (JOSEException e) {
            send(exchange, 500, "{}");
        }
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(verifier).getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                fields.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
