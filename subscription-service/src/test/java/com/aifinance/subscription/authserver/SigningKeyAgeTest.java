package com.aifinance.subscription.authserver;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;

import com.aifinance.subscription.audit.AuditLog;
import com.aifinance.subscription.secrets.SecretBox;
import com.aifinance.subscription.testing.MutableClock;
import com.aifinance.subscription.testing.ServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code aifa_identity_signing_key_age_seconds}: how long the active signing key has been signing. */
@ServiceTest
class SigningKeyAgeTest {

    private static final String AGE = "aifa_identity_signing_key_age_seconds";

    @Autowired
    SigningKeys keys;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SecretBox box;

    @Autowired
    AuthServerProperties properties;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuditLog audit;

    @Test
    void theAgeOfADatabaseKeyGrowsUntilARotationStartsItAgain() {
        keys.rotate("test");
        assertThat(age(meters)).isCloseTo(0, within(5.0));

        clock.advance(Duration.ofDays(3));

        assertThat(age(meters)).isCloseTo(Duration.ofDays(3).toSeconds(), within(5.0));
        clock.reset();
        keys.rotate("test");
        assertThat(age(meters)).isCloseTo(0, within(5.0));
    }

    @Test
    void theAgeOfAnEnvironmentKeyCountsFromItsFirstUseHereAndSurvivesARestart() throws Exception {
        String pem = newPem();
        AuthServerProperties fromEnvironment = new AuthServerProperties(properties.accessTokenTtl(),
                properties.refreshTokenTtl(), pem, null, properties.keyRotationInterval(), properties.keyRetention(),
                properties.dashboard(), properties.serviceClients());
        MeterRegistry first = new SimpleMeterRegistry();
        new SigningKeys(jdbc, box, clock, fromEnvironment, transactions, audit, first);
        assertThat(age(first)).as("not since 1970").isCloseTo(0, within(5.0));

        clock.advance(Duration.ofDays(100));
        MeterRegistry restarted = new SimpleMeterRegistry();
        new SigningKeys(jdbc, box, clock, fromEnvironment, transactions, audit, restarted);

        assertThat(age(restarted)).isCloseTo(Duration.ofDays(100).toSeconds(), within(5.0));
        assertThat(age(restarted)).as("older than the 90-day rotation interval: the alert's condition")
                .isGreaterThan(properties.keyRotationInterval().toSeconds());
    }

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    private static double age(MeterRegistry registry) {
        return registry.get(AGE).gauge().value();
    }

    private static String newPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
