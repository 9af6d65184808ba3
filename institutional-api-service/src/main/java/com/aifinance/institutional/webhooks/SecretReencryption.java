package com.aifinance.institutional.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves stored signing secrets onto the current encryption key after a rotation, so the previous key can be dropped.
 * Runs once the service is ready (every instance; the compare-and-set update makes concurrent runs harmless) and on
 * demand through {@code POST /v1/ops/webhook-secrets/re-encrypt}.
 */
@Component
class SecretReencryption {

    /** What a run did; {@code remaining} = 0 means no stored secret needs the previous key any more. */
    record Result(String currentKeyId, int reencrypted, int failed, List<UUID> failedEndpoints, int remaining) {
    }

    private static final Logger log = LoggerFactory.getLogger(SecretReencryption.class);
    private static final int BATCH = 200;

    private final WebhookEndpoints endpoints;
    private final SecretCipher cipher;
    private final WebhookProperties properties;

    SecretReencryption(WebhookEndpoints endpoints, SecretCipher cipher, WebhookProperties properties) {
        this.endpoints = endpoints;
        this.cipher = cipher;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (!properties.reencryptOnStart()) {
            return;
        }
        Result result = run();
        if (result.reencrypted() > 0 || result.failed() > 0) {
            log.info("Webhook secrets re-encrypted with key {}: {} endpoints, {} failed {}, {} remaining",
                    result.currentKeyId(), result.reencrypted(), result.failed(), result.failedEndpoints(),
                    result.remaining());
        }
    }

    Result run() {
        String prefix = "v1." + cipher.currentKeyId() + ".";
        int done = 0;
        List<UUID> failed = new ArrayList<>();
        UUID after = new UUID(0, 0);
        List<WebhookEndpoints.StoredSecrets> batch;
        do {
            batch = endpoints.notUnderKey(prefix, after, BATCH);
            for (WebhookEndpoints.StoredSecrets row : batch) {
                after = row.id();
                try {
                    String secret = reencrypt(row.secret());
                    String previous = row.previousSecret() == null ? null : reencrypt(row.previousSecret());
                    if (endpoints.replaceCiphertexts(row, secret, previous)) {
                        done++;
                    }
                } catch (IllegalStateException e) {
                    // a key neither current nor previous: left as it is, named for ops, never fatal to the start
                    log.warn("Webhook endpoint {}: {}", row.id(), e.getMessage());
                    failed.add(row.id());
                }
            }
        } while (batch.size() == BATCH);
        return new Result(cipher.currentKeyId(), done, failed.size(), List.copyOf(failed),
                endpoints.countNotUnderKey(prefix));
    }

    /** How many stored secrets are not yet under the current key. */
    Result status() {
        return new Result(cipher.currentKeyId(), 0, 0, List.of(),
                endpoints.countNotUnderKey("v1." + cipher.currentKeyId() + "."));
    }

    private String reencrypt(String stored) {
        return cipher.isCurrent(stored) ? stored : cipher.encrypt(cipher.decrypt(stored));
    }
}
