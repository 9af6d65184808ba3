package com.aifinance.common.testsupport;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Points a Spring test context at the {@link TestInfrastructure} (the database only where the service has JDBC) and
 * at the JWKS of {@link TestJwts}.
 */
public class TestInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        Map<String, Object> properties = new HashMap<>();
        if (ClassUtils.isPresent("org.springframework.jdbc.core.simple.JdbcClient", context.getClassLoader())) {
            properties.put("spring.datasource.url", infrastructure.jdbcUrl());
            properties.put("spring.datasource.username", infrastructure.databaseUsername());
            properties.put("spring.datasource.password", infrastructure.databasePassword());
        }
        properties.put("spring.data.redis.url", infrastructure.redisUrl());
        if (ClassUtils.isPresent("com.nimbusds.jose.jwk.JWKSet", context.getClassLoader())) {
            properties.put("aifa.security.jwk-set-uri", TestJwts.jwkSetUri());
            properties.put("aifa.security.issuer", TestJwts.ISSUER);
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("aifaTestInfrastructure", properties));
    }
}
