package com.aifinance.subscription.authserver;

import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.stereotype.Component;

/** Housekeeping: scheduled key rotation, forgetting spent refresh tokens and expired authorizations. */
@Component
class KeyMaintenance {

    private final SigningKeys keys;
    private final OAuth2AuthorizationService authorizations;
    private final JdbcClient jdbc;
    private final AuthServerProperties properties;
    private final Clock clock;

    KeyMaintenance(SigningKeys keys, OAuth2AuthorizationService authorizations, JdbcClient jdbc,
                   AuthServerProperties properties, Clock clock) {
        this.keys = keys;
        this.authorizations = authorizations;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void hourly() {
        keys.maintain();
        if (authorizations instanceof RefreshTokenFamilies families) {
            families.forgetUsedTokensBefore(clock.instant().minus(properties.refreshTokenTtl()));
        }
        jdbc.sql("delete from oauth2_authorization where coalesce(refresh_token_expires_at, access_token_expires_at,"
                        + " authorization_code_expires_at) < ?")
                .param(java.sql.Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(1)))).update();
    }
}
