package com.aifinance.enterprise.sso;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** Points every test context's domain verification at {@link FakeDns} (registered in test META-INF/spring.factories). */
public class FakeDnsEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addFirst(new MapPropertySource("fakeDns",
                Map.of("aifa.enterprise.sso.dns-server", FakeDns.get().address())));
    }
}
