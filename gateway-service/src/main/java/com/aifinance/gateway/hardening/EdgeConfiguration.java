package com.aifinance.gateway.hardening;

import com.aifinance.gateway.problem.ProblemWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    @Bean
    RequestGuardFilter requestGuardFilter(EdgeProperties properties, ProblemWriter problems) {
        return new RequestGuardFilter(properties, problems);
    }
}
