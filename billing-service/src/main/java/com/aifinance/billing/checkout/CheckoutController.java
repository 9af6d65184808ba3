package com.aifinance.billing.checkout;

import java.util.List;
import java.util.UUID;

import com.aifinance.billing.subscription.BillingSubscription;
import com.aifinance.billing.subscription.BillingSubscriptions;
import com.aifinance.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing")
@Tag(name = "Checkout and subscriptions", description = "Start a paid subscription, change its plan, cancel it")
class CheckoutController {

    private final Checkout checkout;
    private final BillingSubscriptions subscriptions;

    CheckoutController(Checkout checkout, BillingSubscriptions subscriptions) {
        this.checkout = checkout;
        this.subscriptions = subscriptions;
    }

    record CheckoutRequest(
            @NotBlank @Size(max = 100) String planCode,
            @Pattern(regexp = "card|bank_transfer", message = "must be card or bank_transfer") String paymentMethod,
            @Pattern(regexp = "https?://\\S{1,2000}", message = "must be an http(s) URL") String successUrl,
            @Pattern(regexp = "https?://\\S{1,2000}", message = "must be an http(s) URL") String cancelUrl) {
    }

    record CheckoutResponse(UUID subscriptionId, String provider, String paymentPageUrl, String status,
                            boolean reused) {
    }

    record PlanChangeRequest(@NotBlank @Size(max = 100) String planCode) {
    }

    record CancelRequest(Boolean atPeriodEnd) {
    }

    @PostMapping("/checkout")
    @Operation(summary = "Start a subscription to a catalog plan and get the page where it is paid",
            description = "USD plans are paid through Stripe Checkout, INR plans through a Razorpay subscription link, "
                    + "enterprise plans may be paid by bank transfer (an invoice with payment instructions). Repeating "
                    + "the request returns the same payment page.")
    ResponseEntity<CheckoutResponse> checkout(@Valid @RequestBody CheckoutRequest request) {
        Checkout.Started started = checkout.start(caller(), request);
        BillingSubscription subscription = started.subscription();
        return ResponseEntity.status(started.reused() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new CheckoutResponse(subscription.id(), subscription.provider().code(),
                        subscription.paymentPageUrl(), subscription.status(), started.reused()));
    }

    @GetMapping("/subscriptions")
    @Operation(summary = "My subscriptions as billing knows them")
    List<BillingSubscription> mine() {
        return subscriptions.forUser(caller().subject());
    }

    @PostMapping("/subscriptions/{id}/plan")
    @Operation(summary = "Change plan: an upgrade applies now (prorated and charged), a downgrade at the period end",
            description = "An upgrade is a higher price per month. Published as billing_subscription.plan_changed "
                    + "(now) or billing_subscription.plan_change_scheduled (at the period end).")
    BillingSubscription changePlan(@PathVariable UUID id, @Valid @RequestBody PlanChangeRequest request) {
        return checkout.changePlan(caller(), id, request.planCode());
    }

    @PostMapping("/subscriptions/{id}/cancel")
    @Operation(summary = "Cancel: at the period end (default) or now",
            description = "Repeating a cancellation at the period end changes nothing. Published as "
                    + "billing_subscription.cancellation_scheduled or billing_subscription.canceled.")
    BillingSubscription cancel(@PathVariable UUID id, @RequestBody(required = false) CancelRequest request) {
        boolean atPeriodEnd = request == null || request.atPeriodEnd() == null || request.atPeriodEnd();
        return checkout.cancel(caller(), id, atPeriodEnd);
    }

    @PostMapping("/subscriptions/{id}/reactivate")
    @Operation(summary = "Take back a cancellation at the period end",
            description = "The subscription renews as before (Stripe: cancel_at_period_end=false). 409 invalid-state "
                    + "when no cancellation is scheduled or the subscription has ended; 422 provider-error for "
                    + "Razorpay, which cannot take a cancellation back. Published as "
                    + "billing_subscription.cancellation_undone.")
    BillingSubscription reactivate(@PathVariable UUID id) {
        return checkout.undoCancellation(caller(), id);
    }

    private static Caller caller() {
        return Caller.current().orElseThrow(() -> new IllegalStateException("authenticated endpoint without caller"));
    }
}
