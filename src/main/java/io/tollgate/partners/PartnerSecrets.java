package io.tollgate.partners;

import io.tollgate.security.Secrets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form of partner secrets: {@code tgk_<key id>_<43 characters>}, 256 random bits after an identifiable
 * prefix that names the key. The key id finds the row; the secret is compared as a SHA-256 hash in constant
 * time. (A fast hash is enough: 256 random bits cannot be guessed, unlike a password.)
 */
final class PartnerSecrets {

    static final String PREFIX = "tgk_";
    private static final Pattern FORM = Pattern.compile("tgk_([a-z0-9]{16})_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private PartnerSecrets() {
    }

    static String newKeyId() {
        StringBuilder id = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    static String newSecret(String keyId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return PREFIX + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static String hash(String secret) {
        return Secrets.sha256Hex(secret);
    }

    /** The key id a presented secret names, if it has the right form. */
    static Optional<String> keyIdOf(String presented) {
        Matcher matcher = FORM.matcher(presented);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
