package com.aifinance.common.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the settings every platform service shares (health groups, metrics tags and histograms, problem details,
 * graceful shutdown, Flyway per schema) at the lowest precedence, so a service's own configuration and the
 * environment override them. Also names this instance ({@code aifa.host}, {@code aifa.pid}).
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String DEFAULTS = "aifa-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("aifaPlatformDefaults",
                    new ClassPathResource(DEFAULTS, PlatformDefaults.class.getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        environment.getPropertySources().addLast(new MapPropertySource("aifaInstance", Map.of(
                "aifa.host", hostName(),
                "aifa.pid", String.valueOf(ProcessHandle.current().pid()))));
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
