package com.aifinance.common.testsupport;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a Spring test context at the {@link TestInfrastructure}. */
public class TestInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("aifaTestInfrastructure", Map.of(
                "spring.datasource.url", infrastructure.jdbcUrl(),
                "spring.datasource.username", infrastructure.databaseUsername(),
                "spring.datasource.password", infrastructure.databasePassword(),
                "spring.data.redis.url", infrastructure.redisUrl())));
    }
}
