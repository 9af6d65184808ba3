package com.aifinance.billing.webhook;

import com.aifinance.billing.provider.ProviderName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public (no token) but accepts only deliveries signed with the provider's webhook secret. */
@RestController
@RequestMapping("/api/billing/webhooks")
@Tag(name = "Webhooks", description = "Signed event deliveries from Stripe and Razorpay")
@SecurityRequirements
class WebhookController {

    private final WebhookIntake intake;

    WebhookController(WebhookIntake intake) {
        this.intake = intake;
    }

    @PostMapping("/stripe")
    @Operation(summary = "Stripe event delivery",
            description = "Verified with the Stripe-Signature header (300 s tolerance), stored once per event id, "
                    + "answered 200 before it is processed. A duplicate is answered 200 with duplicate=true.")
    WebhookIntake.Receipt stripe(@RequestBody(required = false) byte[] body,
                                 @Parameter(hidden = true) @RequestHeader HttpHeaders headers) {
        return intake.receive(ProviderName.STRIPE, body, headers);
    }

    @PostMapping("/razorpay")
    @Operation(summary = "Razorpay event delivery",
            description = "Verified with X-Razorpay-Signature (HMAC-SHA256 of the raw body), keyed by "
                    + "X-Razorpay-Event-Id, answered 200 before it is processed.")
    WebhookIntake.Receipt razorpay(@RequestBody(required = false) byte[] body,
                                   @Parameter(hidden = true) @RequestHeader HttpHeaders headers) {
        return intake.receive(ProviderName.RAZORPAY, body, headers);
    }
}
