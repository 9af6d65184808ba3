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

/**
 * The one test configuration of this module (so every test class shares one Spring context): the whole service on a
 * random port against the embedded PostgreSQL and Redis, with a clock tests can move.
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
    }
}
