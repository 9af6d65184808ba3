package com.aifinance.institutional.fakes;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * The other platform services institutional-api calls (enterprise-service and the token endpoint), one fake of each
 * per test JVM; every integration-test context points at them identically, so all test classes still share one
 * cached context. Registered in {@code META-INF/spring.factories} of the tests.
 */
public final class PlatformFakes implements ContextCustomizerFactory {

    private static FakeTokenEndpoint tokens;
    private static FakeEnterprise enterprise;

    public static synchronized FakeTokenEndpoint tokens() {
        if (tokens == null) {
            tokens = new FakeTokenEndpoint();
        }
        return tokens;
    }

    public static synchronized FakeEnterprise enterprise() {
        if (enterprise == null) {
            enterprise = new FakeEnterprise(tokens());
        }
        return enterprise;
    }

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, com.aifinance.common.testsupport.IntegrationTest.class)
                ? new Customizer() : null;
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("platformFakes", Map.of(
                    "aifa.usage-reports.enterprise-url", enterprise().url(),
                    "aifa.usage-reports.token-url", tokens().url(),
                    "aifa.usage-reports.client-secret", FakeTokenEndpoint.CLIENT_SECRET)));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
