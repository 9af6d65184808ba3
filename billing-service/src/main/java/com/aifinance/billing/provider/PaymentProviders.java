package com.aifinance.billing.provider;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** The configured providers, by name and by the currency they take. */
@Component
public class PaymentProviders {

    private final Map<ProviderName, PaymentProvider> byName = new EnumMap<>(ProviderName.class);

    PaymentProviders(List<PaymentProvider> providers) {
        providers.forEach(provider -> byName.put(provider.name(), provider));
    }

    public PaymentProvider get(ProviderName name) {
        PaymentProvider provider = byName.get(name);
        if (provider == null) {
            throw new IllegalStateException("no payment provider " + name);
        }
        return provider;
    }

    /** The card provider for {@code currency}: Stripe for USD, Razorpay for INR. */
    public PaymentProvider forCurrency(String currency) {
        for (ProviderName name : List.of(ProviderName.STRIPE, ProviderName.RAZORPAY)) {
            PaymentProvider provider = byName.get(name);
            if (provider != null && provider.supportsCurrency(currency)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("no card provider takes " + currency);
    }

    public List<PaymentProvider> all() {
        return List.copyOf(byName.values());
    }
}
