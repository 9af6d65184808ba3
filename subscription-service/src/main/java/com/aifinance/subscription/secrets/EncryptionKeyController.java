package com.aifinance.subscription.secrets;

import java.util.Map;

import com.aifinance.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/subscriptions/identity/encryption")
@Tag(name = "Encryption key", description = "The key that encrypts secrets at rest, and its rotation (ops only)")
@SecurityRequirement(name = "bearer")
@PreAuthorize("hasRole('OPS')")
class EncryptionKeyController {

    private final SecretBox box;
    private final SecretReencryption reencryption;

    EncryptionKeyController(SecretBox box, SecretReencryption reencryption) {
        this.box = box;
        this.reencryption = reencryption;
    }

    @GetMapping
    @Operation(summary = "Which key encrypts, and how many stored values still need another",
            description = "Key ids are the first four bytes of each key's SHA-256, never the key. When otherKey is 0 for "
                    + "every kind, AIFA_ENCRYPTION_KEY_PREVIOUS can be removed.")
    KeyStanding standing() {
        return new KeyStanding(box.currentKeyId(), box.previousKeyId().orElse(null), reencryption.standing());
    }

    @PostMapping("/reencrypt")
    @Operation(summary = "Re-encrypt every stored value with the current key now",
            description = "What start-up does while AIFA_ENCRYPTION_KEY_PREVIOUS is set; safe to repeat. Audited as "
                    + "secrets.reencrypted. unreadable > 0: values neither key decrypts (a key older than the previous).")
    Map<String, SecretReencryption.Moved> reencrypt() {
        String actor = Caller.current().map(caller -> "ops:" + caller.subject()).orElse("ops");
        return reencryption.reencrypt(actor);
    }

    record KeyStanding(String currentKeyId, String previousKeyId, Map<String, SecretReencryption.Standing> values) {
    }
}
