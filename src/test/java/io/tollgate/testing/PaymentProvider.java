package io.tollgate.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What a payment provider sends to {@code POST /webhooks/payments}: a notice and its signature. */
public final class PaymentProvider {

    private PaymentProvider() {
    }

    public static String notice(String eventId, String userId, String amount, String currency) {
        return "{\"eventId\":\"" + eventId + "\",\"userId\":\"" + userId + "\",\"amount\":" + amount
                + ",\"currency\":\"" + currency + "\",\"reason\":\"top-up\"}";
    }

    /** Signs as a payment provider does: HMAC-SHA256 over "t.body", hex. */
    public static String sign(String payload, Instant at, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            long t = at.getEpochSecond();
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + payload)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
