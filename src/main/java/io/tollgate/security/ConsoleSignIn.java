package io.tollgate.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signing in to the admin console with a local admin account: {@code tollgate.console.admins} lists
 * {@code name:hash} pairs, comma-separated, each hash in Jakarta Security's PBKDF2 format
 * ({@code PBKDF2WithHmacSHA256:iterations:salt:hash}, base64), checked by the platform's {@link Pbkdf2PasswordHash}.
 * With an OpenID Connect provider configured, admins may also sign in there ({@link ConsoleOidc}).
 * A signed-in admin is remembered in the HTTP session (a fresh session id at sign-in); the session's timeout ends
 * it. Nothing else opens the console: not the admin secret, not a token.
 */
@ApplicationScoped
public class ConsoleSignIn {

    /** The console's path; everything under it is for signed-in admins but the sign-in page and its styles. */
    public static final String PATH = "/console/";
    static final String SIGN_IN_PAGE = PATH + "login.xhtml";
    static final String SIGN_IN = PATH + "login";
    static final String SIGN_OUT = PATH + "logout";
    private static final String SESSION_ADMIN = ConsoleSignIn.class.getName() + ".admin";
    private static final String PUBLIC_RESOURCES = PATH + "jakarta.faces.resource/";

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Inject
    @ConfigProperty(name = "tollgate.console.admins")
    Optional<String> admins;

    private Map<String, String> hashes = Map.of();

    @PostConstruct
    void readAdmins() {
        hashes = admins.stream().flatMap(list -> Arrays.stream(list.split(","))).map(String::trim)
                .filter(entry -> entry.indexOf(':') > 0)
                .collect(Collectors.toUnmodifiableMap(entry -> entry.substring(0, entry.indexOf(':')),
                        entry -> entry.substring(entry.indexOf(':') + 1), (first, second) -> first));
    }

    boolean isConfigured() {
        return !hashes.isEmpty();
    }

    /** The admin signed in to this request's session, if any. */
    Optional<String> signedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((String) session.getAttribute(SESSION_ADMIN));
    }

    /**
     * Checks the name and password; on success the session gets a new id (no session fixation) and the admin.
     * An unknown name costs the same hash as a wrong password, so the answer's timing does not tell names apart.
     */
    boolean signIn(HttpServletRequest request, String name, String password) {
        if (name == null || password == null) {
            return false;
        }
        String hash = hashes.get(name);
        boolean valid = passwordHash.verify(password.toCharArray(), hash != null ? hash : decoy());
        if (!valid || hash == null) {
            return false;
        }
        signedIn(request, name);
        return true;
    }

    /** Remembers the admin in the session, under a new session id (no session fixation). */
    static void signedIn(HttpServletRequest request, String name) {
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(SESSION_ADMIN, name);
    }

    static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    static boolean isPublic(String path) {
        return path.equals(SIGN_IN_PAGE) || path.equals(SIGN_IN) || path.startsWith(PUBLIC_RESOURCES);
    }

    private String decoy() {
        return hashes.values().stream().findFirst()
                .orElse("PBKDF2WithHmacSHA256:210000:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    }
}
