package io.tollgate.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies {@code Tollgate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}, the scheme of
 * Stripe's webhooks. Several {@code v1} values and several secrets may be present at once, so both sides can
 * rotate secrets without a gap. A timestamp outside the tolerance is refused, which stops replays of old
 * deliveries.
 */
public final class PaymentSignature {

    public static final String HEADER = "Tollgate-Signature";

    private PaymentSignature() {
    }

    /** Empty when the signature is good; otherwise why it is not (safe to tell the sender). */
    public static Optional<String> problem(String header, String rawBody, List<String> secrets, Duration tolerance,
                                           Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.of(HEADER + " header is required");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    return Optional.of(HEADER + " has a malformed timestamp");
                }
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                signatures.add(pair[1].toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Optional.of(HEADER + " must carry t= and v1=");
        }
        // Compared as seconds, never as an Instant: a timestamp beyond Instant's range is simply outside the tolerance.
        if (timestamp < now.getEpochSecond() - tolerance.toSeconds()
                || timestamp > now.getEpochSecond() + tolerance.toSeconds()) {
            return Optional.of("The signature timestamp is outside the tolerance of " + tolerance.toSeconds() + " s");
        }
        String signedPayload = timestamp + "." + rawBody;
        boolean matched = false;
        for (String secret : secrets) {
            byte[] expected = HexFormat.of().formatHex(hmac(secret, signedPayload)).getBytes(StandardCharsets.US_ASCII);
            for (String presented : signatures) {
                matched |= MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.US_ASCII));
            }
        }
        return matched ? Optional.empty() : Optional.of("The signature does not match the body");
    }

    public static byte[] hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
