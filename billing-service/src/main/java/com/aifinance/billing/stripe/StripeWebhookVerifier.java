package com.aifinance.billing.stripe;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import com.aifinance.billing.provider.ProviderName;
import com.aifinance.billing.webhook.VerifiedWebhook;
import com.aifinance.billing.webhook.WebhookRejected;
import com.aifinance.billing.webhook.WebhookVerifier;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/** Stripe's own check ({@link Webhook#constructEvent}) of the {@code Stripe-Signature} header on the raw payload. */
@Component
class StripeWebhookVerifier implements WebhookVerifier {

    static final String SIGNATURE_HEADER = "Stripe-Signature";

    private final StripeProperties properties;
    private final Clock clock;

    StripeWebhookVerifier(StripeProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public ProviderName provider() {
        return ProviderName.STRIPE;
    }

    @Override
    public boolean configured() {
        return properties.webhooksConfigured();
    }

    @Override
    public VerifiedWebhook verify(byte[] body, HttpHeaders headers) {
        String signature = headers.getFirst(SIGNATURE_HEADER);
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejected(WebhookRejected.Reason.SIGNATURE_INVALID, "no Stripe-Signature header");
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, properties.webhookSecret(),
                    properties.webhookTolerance().toSeconds(), clock);
        } catch (SignatureVerificationException e) {
            boolean tooOld = e.getMessage() != null && e.getMessage().contains("tolerance");
            throw new WebhookRejected(tooOld ? WebhookRejected.Reason.TIMESTAMP_OUTSIDE_TOLERANCE
                    : WebhookRejected.Reason.SIGNATURE_INVALID, e.getMessage());
        } catch (RuntimeException e) {
            // signed, but not a Stripe event (Gson could not read it): refuse it rather than store it
            throw new WebhookRejected(WebhookRejected.Reason.MALFORMED, "payload is not a Stripe event: " + e.getMessage());
        }
        if (event == null || event.getId() == null || event.getType() == null || event.getCreated() == null) {
            throw new WebhookRejected(WebhookRejected.Reason.MALFORMED, "event without id, type or created");
        }
        return new VerifiedWebhook(ProviderName.STRIPE, event.getId(), event.getType(),
                Instant.ofEpochSecond(event.getCreated()), payload);
    }
}
