package com.aifinance.dashboard.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.common.testsupport.TestInfrastructureInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The hub on a random port against real PostgreSQL and Redis, with the services it fronts faked
 * ({@link FakePlatform}); every test class with this annotation shares one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"aifa.signals.heartbeat=1s"})
@ContextConfiguration(initializers = {TestInfrastructureInitializer.class, FakePlatform.Initializer.class})
public @interface HubTest {
}
