package com.aifinance.billing.webhook;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.aifinance.billing.problem.BillingProblems;
import com.aifinance.billing.provider.ProviderName;
import com.aifinance.common.web.ApiProblem;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Takes a delivery: verify the signature on the raw bytes, store the event in the inbox (a duplicate is
 * acknowledged and dropped), wake the processor. Nothing is applied here, so the provider gets its 2xx fast.
 */
@Component
class WebhookIntake {

    private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

    private final Map<ProviderName, WebhookVerifier> verifiers = new EnumMap<>(ProviderName.class);
    private final WebhookInbox inbox;
    private final WebhookProcessor processor;
    private final MeterRegistry meters;

    WebhookIntake(List<WebhookVerifier> verifiers, WebhookInbox inbox, WebhookProcessor processor, MeterRegistry meters) {
        verifiers.forEach(verifier -> this.verifiers.put(verifier.provider(), verifier));
        this.inbox = inbox;
        this.processor = processor;
        this.meters = meters;
    }

    record Receipt(String eventId, String type, boolean duplicate) {
    }

    Receipt receive(ProviderName provider, byte[] body, HttpHeaders headers) {
        WebhookVerifier verifier = verifiers.get(provider);
        if (verifier == null || !verifier.configured()) {
            rejected(provider, "not_configured");
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, BillingProblems.PROVIDER_NOT_CONFIGURED,
                    "Webhooks not configured", provider.code() + " webhooks are not configured here (no signing "
                    + "secret); nothing unsigned is accepted.");
        }
        VerifiedWebhook webhook;
        try {
            webhook = verifier.verify(body == null ? new byte[0] : body, headers);
        } catch (WebhookRejected rejected) {
            String reason = rejected.reason().name().toLowerCase(java.util.Locale.ROOT);
            rejected(provider, reason);
            log.warn("Refused a {} webhook: {} ({})", provider.code(), reason, rejected.getMessage());
            throw switch (rejected.reason()) {
                case SIGNATURE_INVALID -> new ApiProblem(HttpStatus.BAD_REQUEST,
                        BillingProblems.WEBHOOK_SIGNATURE_INVALID, "Invalid webhook signature", rejected.getMessage());
                case TIMESTAMP_OUTSIDE_TOLERANCE -> new ApiProblem(HttpStatus.BAD_REQUEST,
                        BillingProblems.WEBHOOK_TIMESTAMP_OUTSIDE_TOLERANCE, "Webhook too old or from the future",
                        rejected.getMessage());
                case MALFORMED -> new ApiProblem(HttpStatus.BAD_REQUEST, BillingProblems.WEBHOOK_MALFORMED,
                        "Malformed webhook", rejected.getMessage());
            };
        }
        boolean stored = inbox.store(webhook);
        meters.counter("billing_webhooks_received", "provider", provider.code(),
                "outcome", stored ? "stored" : "duplicate").increment();
        if (stored) {
            processor.wakeUp();
        }
        return new Receipt(webhook.eventId(), webhook.type(), !stored);
    }

    private void rejected(ProviderName provider, String reason) {
        meters.counter("billing_webhooks_rejected", "provider", provider.code(), "reason", reason).increment();
    }
}
