package com.aifinance.subscription.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.aifinance.common.testsupport.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The one test configuration of this module (so every test class shares one Spring context): the whole service on a
 * random port against the embedded PostgreSQL and Redis, with a clock tests can move, local stand-ins for Google
 * (PKCE, client_secret_basic) and LinkedIn (client_secret_post only, no PKCE), and enterprise-service's SSO lookup.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServiceTest.Clocks.class)
public @interface ServiceTest {

    @TestConfiguration(proxyBeanMethods = false)
    class Clocks {

        @Bean
        MutableClock clock() {
            return new MutableClock();
        }

        @Bean(destroyMethod = "close")
        FakeOidcProvider googleProvider() {
            return new FakeOidcProvider("google-client-id", "google-client-secret", false, true);
        }

        @Bean(destroyMethod = "close")
        FakeOidcProvider linkedinProvider() {
            return new FakeOidcProvider("linkedin-client-id", "linkedin-client-secret", true, false);
        }

        @Bean(destroyMethod = "close")
        FakeEnterpriseService fakeEnterpriseService() {
            return new FakeEnterpriseService();
        }

        @Bean
        DynamicPropertyRegistrar federationProviders(FakeOidcProvider googleProvider, FakeOidcProvider linkedinProvider,
                                                     FakeEnterpriseService fakeEnterpriseService) {
            return registry -> {
                registry.add("aifa.identity.federation.providers.google.issuer", googleProvider::issuer);
                registry.add("aifa.identity.federation.providers.google.client-id", googleProvider::clientId);
                registry.add("aifa.identity.federation.providers.google.client-secret", googleProvider::clientSecret);
                registry.add("aifa.identity.federation.providers.linkedin.issuer", linkedinProvider::issuer);
                registry.add("aifa.identity.federation.providers.linkedin.client-id", linkedinProvider::clientId);
                registry.add("aifa.identity.federation.providers.linkedin.client-secret",
                        linkedinProvider::clientSecret);
                registry.add("aifa.identity.federation.enterprise-url", fakeEnterpriseService::url);
            };
        }
    }
}
