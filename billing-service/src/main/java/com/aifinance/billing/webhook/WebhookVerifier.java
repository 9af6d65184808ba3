package com.aifinance.billing.webhook;

import com.aifinance.billing.provider.ProviderName;
import org.springframework.http.HttpHeaders;

/** Checks a provider's signature on the raw request bytes and reads the event's identity. */
public interface WebhookVerifier {

    ProviderName provider();

    /** False when the signing secret is not set: every delivery is then refused. */
    boolean configured();

    /** @throws WebhookRejected when the delivery is not provably from the provider, or not an event */
    VerifiedWebhook verify(byte[] body, HttpHeaders headers);
}
