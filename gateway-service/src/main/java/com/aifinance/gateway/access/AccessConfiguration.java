package com.aifinance.gateway.access;

import java.time.Clock;

import com.aifinance.common.security.PlatformSecurityProperties;
import com.aifinance.gateway.problem.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AccessProperties.class, JwksProperties.class, PlatformSecurityProperties.class})
class AccessConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AccessConfiguration.class);

    @Bean
    JwksKeys jwksKeys(ObjectProvider<WebClient.Builder> webClients, PlatformSecurityProperties security, JwksProperties jwks,
                      Clock clock, MeterRegistry meters) {
        return new JwksKeys(webClients.getIfAvailable(WebClient::builder).build(), security.jwkSetUri(), jwks.timeout(), jwks.minRefreshInterval(),
                jwks.maxAge(), clock, meters);
    }

    /** Who the client is and which proxies may say so: {@code trusted-proxies}, a regex of their addresses. */
    @Bean
    ClientAddresses clientAddresses(@Value("${spring.cloud.gateway.server.webflux.trusted-proxies:}") String trusted) {
        return new ClientAddresses(trusted);
    }

    @Bean
    IdentityFilter identityFilter(AccessProperties access, JwksKeys keys, PlatformSecurityProperties security,
                                  Clock clock, ProblemWriter problems, MeterRegistry meters,
                                  ClientAddresses clientAddresses) {
        return new IdentityFilter(new AccessPolicy(access), new TokenVerifier(keys, security, clock),
                clientAddresses, access.identityHeaderPrefixes(), problems, meters);
    }

    @Bean
    ForwardedHeaders forwardedHeaders(ClientAddresses clientAddresses, MeterRegistry meters) {
        return new ForwardedHeaders(clientAddresses, meters);
    }

    /** Fetches the keys at start so the first request does not wait for them; a failure is retried on demand. */
    @EventListener(ApplicationReadyEvent.class)
    void loadKeys(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(JwksKeys.class).refresh()
                .subscribe(keys -> log.info("Loaded {} signing key(s) from the JWKS", keys.getKeys().size()),
                        error -> { /* logged by JwksKeys; the next token retries */ });
    }
}
