package com.aifinance.subscription.lifecycle;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/subscriptions/me")
@Tag(name = "My subscription", description = "The calling subscriber's own subscription")
@SecurityRequirement(name = "bearer")
@PreAuthorize("hasRole('SUBSCRIBER')")
class SubscriptionController {

    /** A paid subscription is changed through billing-service's endpoints (docs/identity.md). */
    static final URI MANAGED_BY_BILLING = ProblemTypes.of("managed-by-billing");

    private final Subscriptions subscriptions;
    private final java.time.Clock clock;
    private final MeterRegistry meters;

    SubscriptionController(Subscriptions subscriptions, java.time.Clock clock, MeterRegistry meters) {
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.meters = meters;
    }

    @GetMapping
    @Operation(summary = "My current subscription", description = "The live one (trialing, active, past due), else "
            + "the latest that ended; 404 when there has never been one.")
    Subscription mine() {
        return subscriptions.currentOf(me()).orElseThrow(() -> ApiProblem.notFound("A subscription"));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start a free trial", description = "Starts a free trial of the plan. Paying for a plan is a "
            + "checkout with billing-service (POST /api/billing/checkout); its first payment activates this trial on "
            + "the plan paid for. 409 when a live subscription exists.")
    Subscription start(@Valid @RequestBody PlanChoice choice) {
        return subscriptions.start(me(), choice.planCode(), "user:" + me());
    }

    @PostMapping("/plan")
    @Operation(summary = "Change plan", description = "A higher tier takes effect now; a lower tier (or another "
            + "interval of the same tier) at the end of the current period. Only for a subscription billing does not "
            + "charge (a trial): a paid one answers 409 managed-by-billing with billing's endpoint "
            + "(POST /api/billing/subscriptions/{id}/plan).")
    Subscription changePlan(@Valid @RequestBody PlanChoice choice) {
        Subscription current = notBilled(live(), "change_plan");
        boolean upgrade = Subscriptions.rank(tierOf(choice.planCode())) > Subscriptions.rank(current.tier());
        return subscriptions.apply(current.id(), upgrade ? Action.UPGRADE : Action.SCHEDULE_DOWNGRADE,
                choice.planCode(), clock.instant(), "user:" + me(), null).after();
    }

    @PostMapping("/cancel")
    @Operation(summary = "Cancel at the end of the period", description = "Access continues until periodEnd. A paid "
            + "subscription is canceled where it is paid: 409 managed-by-billing names billing's endpoint "
            + "(POST /api/billing/subscriptions/{id}/cancel).")
    Subscription cancel() {
        Subscription current = notBilled(live(), "cancel");
        return subscriptions.apply(current.id(), Action.SCHEDULE_CANCEL, null, clock.instant(), "user:" + me(), null)
                .after();
    }

    @PostMapping("/reactivate")
    @Operation(summary = "Take back a cancellation", description = "Undoes a cancellation scheduled for the period "
            + "end. An ended subscription comes back when its next payment succeeds (409 here). A paid subscription's "
            + "cancellation is taken back where it is paid: 409 managed-by-billing names billing's endpoint "
            + "(POST /api/billing/subscriptions/{id}/reactivate).")
    Subscription reactivate() {
        Subscription current = subscriptions.currentOf(me()).orElseThrow(() -> ApiProblem.notFound("A subscription"));
        if (!current.state().live()) {
            throw ApiProblem.conflict("This subscription has ended; paying for it again reactivates it.");
        }
        notBilled(current, "reactivate");
        return subscriptions.apply(current.id(), Action.UNDO_CANCEL, null, clock.instant(), "user:" + me(), null)
                .after();
    }

    /**
     * A subscription billing-service charges changes only there (it must tell the payment provider), so this
     * service's copy never runs ahead of what the customer pays: the answer says where to act instead.
     */
    private Subscription notBilled(Subscription current, String action) {
        if (!current.billed()) {
            return current;
        }
        meters.counter("aifa_subscription_managed_by_billing_refusals_total", "action", action).increment();
        String base = "/api/billing/subscriptions/" + current.billingSubscriptionId();
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("billingSubscriptionId", current.billingSubscriptionId().toString());
        where.put("changePlan", base + "/plan");
        where.put("cancel", base + "/cancel");
        where.put("reactivate", base + "/reactivate");
        throw new ApiProblem(HttpStatus.CONFLICT, MANAGED_BY_BILLING, "Managed through billing",
                "This subscription is paid through billing-service: change its plan with POST " + base + "/plan, "
                        + "cancel it with POST " + base + "/cancel and take a cancellation back with POST " + base
                        + "/reactivate.", where);
    }

    private Subscription live() {
        return subscriptions.currentOf(me()).filter(subscription -> subscription.state().live())
                .orElseThrow(() -> ApiProblem.notFound("A live subscription"));
    }

    private String tierOf(String planCode) {
        return planCode.substring(0, planCode.indexOf('-'));
    }

    private static UUID me() {
        String subject = Caller.current().orElseThrow().subject();
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException notAUser) {
            throw ApiProblem.invalid("Only users have subscriptions.");
        }
    }

    /** @param planCode a plan of the catalog, e.g. {@code pro-month-usd} */
    record PlanChoice(@NotBlank @Pattern(regexp = "(basic|pro|enterprise)-(month|year)-(usd|inr)",
            message = "must be a plan code such as pro-month-usd") @Schema(example = "pro-month-usd") String planCode) {
    }
}
