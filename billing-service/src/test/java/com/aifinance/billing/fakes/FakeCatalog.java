package com.aifinance.billing.fakes;

/** subscription-service's public plan catalog, with the seed's prices. */
public final class FakeCatalog extends FakeServer {

    FakeCatalog() {
        route("GET", "/api/subscriptions/plans", (request, match) -> json(200, """
                [{"code":"basic-month-usd","tier":"basic","billingInterval":"month","currency":"USD","priceMinor":9900},
                 {"code":"pro-month-usd","tier":"pro","billingInterval":"month","currency":"USD","priceMinor":50000},
                 {"code":"pro-year-usd","tier":"pro","billingInterval":"year","currency":"USD","priceMinor":500000},
                 {"code":"enterprise-month-usd","tier":"enterprise","billingInterval":"month","currency":"USD","priceMinor":200000},
                 {"code":"basic-month-inr","tier":"basic","billingInterval":"month","currency":"INR","priceMinor":799900},
                 {"code":"pro-month-inr","tier":"pro","billingInterval":"month","currency":"INR","priceMinor":3999900}]"""));
    }
}
