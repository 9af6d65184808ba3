package com.aifinance.billing;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import com.aifinance.billing.provider.PaymentProvider;
import com.aifinance.billing.provider.PaymentProviders;
import com.aifinance.billing.provider.ProviderName;
import com.aifinance.billing.provider.ProviderNotConfigured;
import com.aifinance.common.testsupport.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service boots with no vendor keys (the local platform): every provider says "not configured", none fakes. */
class ProvidersWithoutKeysTest {

    @Test
    void withoutKeysEveryProviderReportsNotConfiguredAndRefusesToAct() {
        SpringApplication application = new SpringApplication(BillingApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        TestInfrastructure infrastructure = TestInfrastructure.get();
        try (ConfigurableApplicationContext context = application.run(
                "--spring.datasource.url=" + infrastructure.jdbcUrl(),
                "--spring.datasource.username=" + infrastructure.databaseUsername(),
                "--spring.datasource.password=" + infrastructure.databasePassword(),
                "--spring.data.redis.url=" + infrastructure.redisUrl(),
                "--spring.main.banner-mode=off")) {
            PaymentProviders providers = context.getBean(PaymentProviders.class);

            assertThat(providers.all()).hasSize(3).noneMatch(PaymentProvider::configured);
            assertThatThrownBy(() -> providers.get(ProviderName.STRIPE).createCustomer(
                    new PaymentProvider.CustomerDetails("u1", null, null, "USD"), "key"))
                    .isInstanceOf(ProviderNotConfigured.class).hasMessageContaining("STRIPE_API_KEY");
            assertThatThrownBy(() -> providers.get(ProviderName.RAZORPAY).createCustomer(
                    new PaymentProvider.CustomerDetails("u1", null, null, "INR"), "key"))
                    .isInstanceOf(ProviderNotConfigured.class).hasMessageContaining("RAZORPAY_KEY_ID");
        }
    }
}
