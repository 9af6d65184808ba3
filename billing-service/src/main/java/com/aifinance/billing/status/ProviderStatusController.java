package com.aifinance.billing.status;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.aifinance.billing.provider.PaymentProvider;
import com.aifinance.billing.provider.PaymentProviders;
import com.aifinance.billing.provider.ProviderName;
import com.aifinance.billing.webhook.WebhookVerifier;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing/providers")
@Tag(name = "Providers", description = "Which payment providers this environment can use")
class ProviderStatusController {

    private final PaymentProviders providers;
    private final Map<ProviderName, WebhookVerifier> verifiers;

    ProviderStatusController(PaymentProviders providers, List<WebhookVerifier> verifiers) {
        this.providers = providers;
        this.verifiers = verifiers.stream().collect(Collectors.toMap(WebhookVerifier::provider, Function.identity()));
    }

    /** @param webhooks {@code configured}, {@code not_configured}, or {@code none} for providers without webhooks */
    record ProviderStatus(String provider, String status, String webhooks) {
    }

    @GetMapping
    @Operation(summary = "Each provider: configured or not (keys are never shown)")
    List<ProviderStatus> providers() {
        return providers.all().stream()
                .sorted(Comparator.comparing(PaymentProvider::name))
                .map(provider -> new ProviderStatus(provider.name().code(),
                        provider.configured() ? "configured" : "not_configured",
                        verifiers.containsKey(provider.name())
                                ? (verifiers.get(provider.name()).configured() ? "configured" : "not_configured")
                                : "none"))
                .toList();
    }
}
