package com.aifinance.dashboard.account;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.Downstream.Service;
import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.Panel;
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
 * sale, checkout at the payment provider (billing-service answers the provider's page) and plan changes.
 */
@PageController
class SubscriptionController {

    static final String PLAN_CODE = "(basic|pro|enterprise)-(month|year)-(usd|inr)";

    record CheckoutForm(@NotBlank(message = "Choose a plan") @Pattern(regexp = PLAN_CODE, message = "Choose a plan from the list") String planCode,
                        @Pattern(regexp = "card|bank_transfer", message = "Choose card or bank transfer") String paymentMethod) {
    }

    record PlanChangeForm(@NotBlank @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "Unknown subscription") String subscriptionId,
                          @NotBlank(message = "Choose a plan") @Pattern(regexp = PLAN_CODE, message = "Choose a plan from the list") String planCode) {
    }

    private final Downstream downstream;
    private final Users users;
    private final PublicUrl publicUrl;
    private final MeterRegistry meters;

    SubscriptionController(Downstream downstream, Users users, PublicUrl publicUrl, MeterRegistry meters) {
        this.downstream = downstream;
        this.users = users;
        this.publicUrl = publicUrl;
        this.meters = meters;
    }

    @GetMapping("/dashboard")
    String overview(Model model) {
        model.addAttribute("user", users.current());
        model.addAttribute("section", "dashboard");
        return "account/overview";
    }

    @GetMapping("/account/subscription")
    String page(@RequestParam(required = false) String checkout, Model model) {
        users.current();
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
                    case "subscription-exists" -> "You already have a running subscription: change its plan below.";
                    default -> problem.message();
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
        if (!errors.hasErrors()) {
            Reply<AccountViews.BillingSubscription> reply = downstream.send(Service.BILLING, HttpMethod.POST,
                    Map.of("planCode", form.planCode()), AccountViews.BillingSubscription.class,
                    "/api/billing/subscriptions/{id}/plan", form.subscriptionId());
            if (reply instanceof Reply.Refused<AccountViews.BillingSubscription>(var problem)) {
                model.addAttribute("changeError", problem.message());
            } else if (reply instanceof Reply.Unavailable<AccountViews.BillingSubscription>) {
                model.addAttribute("changeError", "The billing service is not answering; the plan is unchanged.");
            } else {
                model.addAttribute("changeMessage", "Plan change recorded: an upgrade applies now (prorated), a "
                        + "downgrade at the end of the period.");
            }
        } else {
            model.addAttribute("changeError", errors.getFieldErrors().getFirst().getDefaultMessage());
        }
        fillSubscription(model);
        return "account/subscription :: subscription-panel";
    }

    @PostMapping("/account/subscription/cancel")
    String cancel(@RequestParam String subscriptionId, Model model) {
        if (!subscriptionId.matches("[0-9a-fA-F-]{36}")) {
            model.addAttribute("changeError", "Unknown subscription.");
        } else {
            Reply<AccountViews.BillingSubscription> reply = downstream.send(Service.BILLING, HttpMethod.POST,
                    Map.of("atPeriodEnd", true), AccountViews.BillingSubscription.class,
                    "/api/billing/subscriptions/{id}/cancel", subscriptionId);
            if (reply.ok()) {
                model.addAttribute("changeMessage", "Your subscription ends at the end of the current period.");
            } else {
                model.addAttribute("changeError", reply instanceof Reply.Refused<?>(var problem) ? problem.message()
                        : "The billing service is not answering; nothing was changed.");
            }
        }
        fillSubscription(model);
        return "account/subscription :: subscription-panel";
    }

    private void fillSubscription(Model model) {
        Reply<AccountViews.Subscription> mine = downstream.get(Service.SUBSCRIPTION, AccountViews.Subscription.class,
                "/api/subscriptions/me");
        Panel<AccountViews.Subscription> subscription = mine instanceof Reply.Refused<?>(var problem)
                && problem.status() == 404 ? Panel.empty(null) : mine.toPanel();
        Reply<List<AccountViews.BillingSubscription>> billing = downstream.get(Service.BILLING,
                new ParameterizedTypeReference<>() {
                }, "/api/billing/subscriptions");
        model.addAttribute("panel", subscription);
        model.addAttribute("billing", billing.toPanel(List::isEmpty));
        model.addAttribute("openBilling", Optional.ofNullable(billing.body()).orElse(List.of()).stream()
                .filter(AccountViews.BillingSubscription::open).findFirst().orElse(null));
        model.addAttribute("change", new PlanChangeForm(null, null));
    }
}
