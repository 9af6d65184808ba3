package com.aifinance.subscription.authserver;

import java.util.List;

import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/subscriptions/identity/keys")
@Tag(name = "Signing keys", description = "The keys that sign access tokens (ops only)")
@SecurityRequirement(name = "bearer")
@PreAuthorize("hasRole('OPS')")
class SigningKeyController {

    private final SigningKeys keys;

    SigningKeyController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    @Operation(summary = "List the published signing keys", description = "Key ids, which one signs, and when the "
            + "others were retired; retired keys stay published until the tokens they signed have expired.")
    List<SigningKeys.KeyView> list() {
        return keys.describe();
    }

    @PostMapping("/rotate")
    @Operation(summary = "Rotate the signing key now", description = "A new key signs from now on; the old one stays "
            + "in the JWKS for aifa.identity.key-retention. Refused (409) when keys come from AIFA_SIGNING_KEY: "
            + "rotate those by deploying AIFA_SIGNING_KEY_PREVIOUS=<old> and AIFA_SIGNING_KEY=<new>.")
    Rotated rotate() {
        if (keys.fromEnvironment()) {
            throw ApiProblem.conflict("The signing key comes from the environment (AIFA_SIGNING_KEY); rotate it by "
                    + "deploying AIFA_SIGNING_KEY_PREVIOUS with the old key and AIFA_SIGNING_KEY with the new one.");
        }
        String actor = Caller.current().map(caller -> "ops:" + caller.subject()).orElse("ops");
        return new Rotated(keys.rotate(actor));
    }

    record Rotated(String activeKid) {
    }

}
