package com.aifinance.dashboard.account;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.aifinance.dashboard.layout.Formats;
import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.Downstream.Service;
import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.Panel;
import com.aifinance.dashboard.platform.Problem;
import com.aifinance.dashboard.platform.PublicUrl;
import com.aifinance.dashboard.platform.Reply;
import com.aifinance.dashboard.platform.Users;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The subscriber's plan: what they have (subscription-service's record and billing's provider record), the plans on
 * sale, checkout at the payment provider (billing-service answers the provider's page), plan changes, cancellation
 * and taking a cancellation back — at billing-service for a subscription it charges, at subscription-service for a
 * trial nobody pays for yet ({@link PlanActions}).
 */
@PageController
class SubscriptionController {

    static final String PLAN_CODE = "(basic|pro|enterprise)-(month|year)-(usd|inr)";

    record CheckoutForm(@NotBlank(message = "Choose a plan") @Pattern(regexp = PLAN_CODE, message = "Choose a plan from the list") String planCode,
                        @Pattern(regexp = "card|bank_transfer", message = "Choose card or bank transfer") String paymentMethod) {
    }

    /** Which subscription changes is not part of the form: the hub asks for the user's own as it is now. */
    record PlanChangeForm(@NotBlank(message = "Choose a plan") @Pattern(regexp = PLAN_CODE, message = "Choose a plan from the list") String planCode) {
    }

    private final Downstream downstream;
    private final Users users;
    private final PublicUrl publicUrl;
    private final MeterRegistry meters;
    private final Formats formats;

    SubscriptionController(Downstream downstream, Users users, PublicUrl publicUrl, MeterRegistry meters,
                           Formats formats) {
        this.downstream = downstream;
        this.users = users;
        this.publicUrl = publicUrl;
        this.meters = meters;
        this.formats = formats;
    }

    @GetMapping("/dashboard")
    String overview(Model model) {
        model.addAttribute("user", users.current());
        model.addAttribute("section", "dashboard");
        return "account/overview";
    }

    @GetMapping("/account/subscription")
    String page(@RequestParam(required = false) String checkout, Model model) {
        if ("success".equals(checkout)) {
            // back from the payment provider: the tier claim changes with the payment, so take a new access token
            // now instead of at the next scheduled refresh (up to 15 minutes later)
            model.addAttribute("currentUser", users.refreshed());
        } else {
            users.current();
        }
        model.addAttribute("checkout", "success".equals(checkout) ? "success" : "canceled".equals(checkout)
                ? "canceled" : null);
        model.addAttribute("section", "account");
        return "account/subscription";
    }

    @GetMapping("/account/panels/subscription")
    String subscriptionPanel(Model model) {
        fillSubscription(model);
        return "account/subscription :: subscription-panel";
    }

    @GetMapping("/account/panels/plans")
    String plansPanel(@RequestParam(defaultValue = "USD") String currency, Model model) {
        String chosen = "INR".equals(currency) ? "INR" : "USD";
        Reply<List<AccountViews.Plan>> plans = downstream.get(Service.SUBSCRIPTION,
                new ParameterizedTypeReference<>() {
                }, "/api/subscriptions/plans?currency={currency}", chosen);
        Reply<List<AccountViews.ProviderStatus>> providers = downstream.get(Service.BILLING,
                new ParameterizedTypeReference<>() {
                }, "/api/billing/providers");
        model.addAttribute("panel", plans.toPanel(List::isEmpty));
        model.addAttribute("providers", providers.toPanel(List::isEmpty));
        model.addAttribute("currency", chosen);
        model.addAttribute("currentTier", users.current().tier());
        model.addAttribute("form", new CheckoutForm(null, "card"));
        return "account/subscription :: plans-panel";
    }

    /** A full-page form: the answer sends the browser to the provider's payment page. */
    @PostMapping("/account/checkout")
    String checkout(@Valid @ModelAttribute("form") CheckoutForm form, BindingResult errors,
                    RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            redirect.addFlashAttribute("checkoutError", errors.getFieldErrors().getFirst().getDefaultMessage());
            return "redirect:/account/subscription";
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("planCode", form.planCode());
        body.put("paymentMethod", form.paymentMethod() == null ? "card" : form.paymentMethod());
        body.put("successUrl", publicUrl.of("/account/subscription?checkout=success"));
        body.put("cancelUrl", publicUrl.of("/account/subscription?checkout=canceled"));
        Reply<AccountViews.CheckoutResult> reply = downstream.send(Service.BILLING, HttpMethod.POST, body,
                AccountViews.CheckoutResult.class, "/api/billing/checkout");
        meters.counter("dashboard_checkouts_started_total", "outcome", reply.ok() ? "redirected" : "refused")
                .increment();
        return switch (reply) {
            case Reply.Ok<AccountViews.CheckoutResult>(AccountViews.CheckoutResult result, int status)
                    when result.paymentPageUrl() != null && result.paymentPageUrl().matches("https?://\\S+") ->
                    "redirect:" + result.paymentPageUrl();
            case Reply.Ok<AccountViews.CheckoutResult> ok -> {
                redirect.addFlashAttribute("checkoutMessage", "Your order is recorded. For a bank transfer, the "
                        + "invoice with the payment instructions is under Invoices.");
                yield "redirect:/account/invoices";
            }
            case Reply.Refused<AccountViews.CheckoutResult>(var problem) -> {
                redirect.addFlashAttribute("checkoutError", switch (problem.slug()) {
                    case "provider-not-configured" -> "Payments with this method are not set up in this "
                            + "environment yet, so the checkout cannot start. Nothing was charged.";
                    case "subscription-exists" -> "You already have a running subscription: change its plan under "
                            + "Your plan (or take its cancellation back there). Nothing was charged.";
                    default -> explain("The checkout", problem) + " Nothing was charged.";
                });
                yield "redirect:/account/subscription";
            }
            case Reply.Unavailable<AccountViews.CheckoutResult> down -> {
                redirect.addFlashAttribute("checkoutError", "The billing service is not answering, so the checkout "
                        + "cannot start right now. Nothing was charged; please try again in a minute.");
                yield "redirect:/account/subscription";
            }
        };
    }

    @PostMapping("/account/subscription/plan")
    String changePlan(@Valid @ModelAttribute("change") PlanChangeForm form, BindingResult errors, Model model) {
        if (errors.hasErrors()) {
            model.addAttribute("changeError", errors.getFieldErrors().getFirst().getDefaultMessage());
        } else {
            act(model, "The plan change", Map.of("planCode", form.planCode()), "/plan",
                    "/api/subscriptions/me/plan", changed -> changed.pendingPlanCode() != null
                            && changed.pendingPlanCode().equals(form.planCode())
                            ? "Your plan changes to " + form.planCode() + " at the end of the current period; until "
                            + "then everything stays as it is."
                            : "Your plan is now " + form.planCode() + (changed.billed()
                            ? ". The difference for the rest of the period is charged now (prorated)."
                            : "; it applies at once."));
        }
        fillSubscription(model);
        return "account/subscription :: subscription-panel";
    }

    @PostMapping("/account/subscription/cancel")
    String cancel(Model model) {
        act(model, "The cancellation", Map.of("atPeriodEnd", true), "/cancel", "/api/subscriptions/me/cancel",
                changed -> "Your subscription ends at the end of the current period"
                        + (changed.periodEnd() == null ? "" : " (" + formats.date(changed.periodEnd()) + ")")
                        + ". Until then nothing changes, and you can take the cancellation back.");
        fillSubscription(model);
        return "account/subscription :: subscription-panel";
    }

    /** Takes back a cancellation scheduled for the period end (an ended subscription is reactivated by a checkout). */
    @PostMapping("/account/subscription/reactivate")
    String reactivate(Model model) {
        act(model, "Taking the cancellation back", Map.of(), "/reactivate", "/api/subscriptions/me/reactivate",
                changed -> "The cancellation is taken back: your subscription continues and renews as before.");
        fillSubscription(model);
        return "account/subscription :: subscription-panel";
    }

    /**
     * Sends a change where the subscription lives: billing-service for one it charges (it tells the payment
     * provider first), subscription-service for a trial nobody pays for yet. Which one is decided from the
     * subscription as it is now, not from the form; when subscription-service answers that billing took the
     * subscription over meanwhile (409 managed-by-billing), the change goes to billing.
     */
    private void act(Model model, String action, Map<String, Object> billingBody, String billingPath,
                     String subscriptionPath, java.util.function.Function<AccountViews.Subscription, String> done) {
        Reply<AccountViews.Subscription> mine = downstream.get(Service.SUBSCRIPTION, AccountViews.Subscription.class,
                "/api/subscriptions/me");
        AccountViews.Subscription current = mine.body();
        if (current == null) {
            model.addAttribute("changeError", switch (mine) {
                case Reply.Refused<AccountViews.Subscription>(var problem) when problem.status() == 404 ->
                        "You have no subscription to change. Choose a plan below to start one.";
                case Reply.Refused<AccountViews.Subscription>(var problem) -> explain(action, problem);
                default -> "The subscription service is not answering, so nothing was changed. Please try again "
                        + "in a minute.";
            });
            return;
        }
        Reply<?> reply;
        boolean billed = current.billed();
        if (!billed) {
            reply = downstream.send(Service.SUBSCRIPTION, HttpMethod.POST,
                    "/plan".equals(billingPath) ? billingBody : null, AccountViews.Subscription.class,
                    subscriptionPath);
            if (reply instanceof Reply.Refused<?>(var problem) && problem.is("managed-by-billing")) {
                current = downstream.get(Service.SUBSCRIPTION, AccountViews.Subscription.class,
                        "/api/subscriptions/me").body();
                billed = current != null && current.billed();
            }
        } else {
            reply = null;
        }
        if (billed) {
            reply = downstream.send(Service.BILLING, HttpMethod.POST, billingBody.isEmpty() ? null : billingBody,
                    AccountViews.BillingSubscription.class, "/api/billing/subscriptions/{id}" + billingPath,
                    current.billingSubscriptionId());
        }
        meters.counter("dashboard_plan_changes_total", "action", billingPath.substring(1),
                "via", billed ? "billing" : "subscription", "outcome", reply.ok() ? "done" : "refused").increment();
        switch (reply) {
            case Reply.Ok<?> ok -> model.addAttribute("changeMessage", done.apply(afterChange(current, ok.body())));
            case Reply.Refused<?>(var problem) -> model.addAttribute("changeError", explain(action, problem));
            case Reply.Unavailable<?>(var service, var reason) -> model.addAttribute("changeError",
                    service.displayName() + " is not answering, so nothing was changed. Please try again in a minute.");
        }
    }

    /** The subscription after a change, as far as the answer tells (billing answers with its own record). */
    private static AccountViews.Subscription afterChange(AccountViews.Subscription before, Object answer) {
        return switch (answer) {
            case AccountViews.Subscription after -> after;
            case AccountViews.BillingSubscription paid -> new AccountViews.Subscription(before.id(), before.status(),
                    before.tier(), paid.planCode(), before.billingInterval(), before.currency(), before.amountMinor(),
                    before.periodStart(), paid.currentPeriodEnd() != null ? paid.currentPeriodEnd()
                    : before.periodEnd(), before.trialEnd(), paid.cancelAtPeriodEnd(), paid.pendingPlanCode(),
                    before.pastDueSince(), before.endedAt(), before.billingSubscriptionId());
            case null, default -> before;
        };
    }

    /**
     * A refusal as a sentence the subscriber can act on: the service's own explanation (its problem detail) with
     * what was refused, and for the problem types the account pages know, what to do next.
     */
    static String explain(String action, Problem problem) {
        String reason = problem.fieldErrors().isEmpty() ? problem.message()
                : String.join("; ", problem.fieldErrors().values()) + ".";
        return switch (problem.slug()) {
            case "provider-error" -> action + " was refused by the payment provider: " + reason
                    + " Nothing was changed.";
            case "payment-declined" -> action + " needs a payment that was declined: " + reason
                    + " Nothing was changed; check the card with your bank or pay with another one.";
            case "provider-not-configured" -> "Payments with this method are not set up in this environment yet, so "
                    + action.toLowerCase(java.util.Locale.ROOT) + " is not possible. Nothing was charged.";
            case "currency-mismatch" -> action + " is not possible: " + reason
                    + " Choose a plan in the currency you pay in.";
            case "managed-by-billing" -> action + " is not possible here: this subscription is paid through "
                    + "billing. Reload the page and try again.";
            case "invalid-state", "subscription-exists" -> action + " is not possible: " + reason
                    + " Reload the page to see the subscription as it is now.";
            default -> switch (problem.status()) {
                case 404 -> action + " is not possible: the subscription was not found (it may have just ended). "
                        + "Reload the page to see it as it is now.";
                case 409 -> action + " is not possible right now: " + reason + " Reload the page and try again.";
                default -> action + " was refused: " + reason;
            };
        };
    }

    private void fillSubscription(Model model) {
        Reply<AccountViews.Subscription> mine = downstream.get(Service.SUBSCRIPTION, AccountViews.Subscription.class,
                "/api/subscriptions/me");
        Panel<AccountViews.Subscription> subscription = mine instanceof Reply.Refused<?>(var problem)
                && problem.status() == 404 ? Panel.empty(null) : mine.toPanel();
        Reply<List<AccountViews.BillingSubscription>> billing = downstream.get(Service.BILLING,
                new ParameterizedTypeReference<>() {
                }, "/api/billing/subscriptions");
        List<AccountViews.BillingSubscription> known = Optional.ofNullable(billing.body()).orElse(List.of());
        AccountViews.Subscription current = mine.body();
        // the billing subscription this one mirrors; without a link yet, an open one (a checkout awaiting payment)
        AccountViews.BillingSubscription paidWith = current != null && current.billed()
                ? known.stream().filter(paid -> current.billingSubscriptionId().equalsIgnoreCase(paid.id())).findFirst()
                .orElse(null)
                : known.stream().filter(AccountViews.BillingSubscription::open).findFirst().orElse(null);
        model.addAttribute("panel", subscription);
        model.addAttribute("billing", billing.toPanel(List::isEmpty));
        model.addAttribute("openBilling", paidWith);
        model.addAttribute("actions", PlanActions.of(current, paidWith));
        model.addAttribute("change", new PlanChangeForm(null));
    }
}
