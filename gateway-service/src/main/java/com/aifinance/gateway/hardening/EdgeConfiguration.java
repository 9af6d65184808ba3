package com.aifinance.gateway.hardening;

import com.aifinance.gateway.problem.ProblemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeProperties.class)
class EdgeConfiguration {

    @Bean
    SecurityHeadersFilter securityHeadersFilter(EdgeProperties properties) {
        return new SecurityHeadersFilter(properties);
    }

    @Bean
    CorsFilter corsFilter(EdgeProperties properties, ProblemWriter problems) {
        return new CorsFilter(properties.corsAllowedOrigins(), problems);
    }

    /** The actuator must not share the public port: it would answer anyone who reaches the gateway. */
    @Bean
    ManagementPathsFilter managementPathsFilter(Environment environment,
                                                @Value("${management.endpoints.web.base-path:/actuator}") String basePath,
                                                ProblemWriter problems) {
        if (ManagementPortType.get(environment) == ManagementPortType.SAME) {
            throw new IllegalStateException("management.server.port (AIFA_GATEWAY_MANAGEMENT_PORT) must differ from "
                    + "server.port: the gateway's public port serves no actuator");
        }
        return new ManagementPathsFilter(basePath, problems);
    }

    @Bean
    RequestGuardFilter requestGuardFilter(EdgeProperties properties, ProblemWriter problems) {
        return new RequestGuardFilter(properties, problems);
    }
}
