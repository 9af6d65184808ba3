package com.aifinance.institutional.webhooks;

import com.aifinance.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@PreAuthorize("hasRole('OPS')")
@Tag(name = "Webhook secrets (ops)", description = "Encryption-key rotation of stored webhook signing secrets")
class WebhookSecretsOpsController {

    private static final Logger log = LoggerFactory.getLogger(WebhookSecretsOpsController.class);

    private final SecretReencryption reencryption;

    WebhookSecretsOpsController(SecretReencryption reencryption) {
        this.reencryption = reencryption;
    }

    @GetMapping("/v1/ops/webhook-secrets")
    @Operation(summary = "The current key's id and how many endpoints still have a secret under another key")
    SecretReencryption.Result status() {
        return reencryption.status();
    }

    @PostMapping("/v1/ops/webhook-secrets/re-encrypt")
    @Operation(summary = "Re-encrypt every stored secret not yet under AIFA_WEBHOOK_ENCRYPTION_KEY (idempotent); "
            + "remaining = 0 means AIFA_WEBHOOK_ENCRYPTION_KEY_PREVIOUS can be removed")
    SecretReencryption.Result reencrypt() {
        SecretReencryption.Result result = reencryption.run();
        log.info("Webhook secrets re-encrypted by {}: key {}, {} endpoints, {} failed {}, {} remaining",
                Caller.current().map(Caller::subject).orElse("?"), result.currentKeyId(), result.reencrypted(), result.failed(),
                result.failedEndpoints(), result.remaining());
        return result;
    }
}
