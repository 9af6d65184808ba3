package com.aifinance.institutional.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How deliveries are signed: {@code X-AIFA-Timestamp: <unix seconds>} and
 * {@code X-AIFA-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>}, with one {@code v1}
 * per valid secret (two while a rotated secret overlaps). Receivers recompute it with their secret, compare in
 * constant time, and reject timestamps older than a few minutes (replays).
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-AIFA-Signature";
    public static final String TIMESTAMP_HEADER = "X-AIFA-Timestamp";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(List<String> secrets, long timestamp, String body) {
        StringBuilder header = new StringBuilder("t=").append(timestamp);
        for (String secret : secrets) {
            header.append(",v1=").append(sign(secret, timestamp, body));
        }
        return header.toString();
    }
}
