package com.aifinance.billing.razorpay;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.aifinance.billing.provider.ProviderName;
import com.aifinance.billing.webhook.VerifiedWebhook;
import com.aifinance.billing.webhook.WebhookRejected;
import com.aifinance.billing.webhook.WebhookVerifier;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Razorpay's scheme: {@code X-Razorpay-Signature} is the hex HMAC-SHA256 of the raw body with the webhook secret
 * (what razorpay-java's {@code Utils.verifyWebhookSignature} computes), compared in constant time;
 * {@code X-Razorpay-Event-Id} identifies the event across redeliveries.
 */
@Component
class RazorpayWebhookVerifier implements WebhookVerifier {

    static final String SIGNATURE_HEADER = "X-Razorpay-Signature";
    static final String EVENT_ID_HEADER = "X-Razorpay-Event-Id";

    private final RazorpayProperties properties;
    private final JsonMapper json;

    RazorpayWebhookVerifier(RazorpayProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    public ProviderName provider() {
        return ProviderName.RAZORPAY;
    }

    @Override
    public boolean configured() {
        return properties.webhooksConfigured();
    }

    @Override
    public VerifiedWebhook verify(byte[] body, HttpHeaders headers) {
        String signature = headers.getFirst(SIGNATURE_HEADER);
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejected(WebhookRejected.Reason.SIGNATURE_INVALID, "no X-Razorpay-Signature header");
        }
        byte[] expected = hmac(properties.webhookSecret(), body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new WebhookRejected(WebhookRejected.Reason.SIGNATURE_INVALID,
                    "X-Razorpay-Signature does not match the payload");
        }
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (JacksonException e) {
            throw new WebhookRejected(WebhookRejected.Reason.MALFORMED, "payload is not JSON");
        }
        String eventId = headers.getFirst(EVENT_ID_HEADER);
        String type = event.path("event").asString(null);
        JsonNode createdAt = event.path("created_at");
        if (eventId == null || eventId.isBlank() || type == null || !createdAt.isIntegralNumber()
                || !"event".equals(event.path("entity").asString(null))) {
            throw new WebhookRejected(WebhookRejected.Reason.MALFORMED,
                    "not a Razorpay event (entity, event, created_at and X-Razorpay-Event-Id are required)");
        }
        return new VerifiedWebhook(ProviderName.RAZORPAY, eventId, type, Instant.ofEpochSecond(createdAt.asLong()),
                new String(body, StandardCharsets.UTF_8));
    }

    /** Lower-case hex HMAC-SHA256, as Razorpay signs. */
    static String hmac(String secret, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
