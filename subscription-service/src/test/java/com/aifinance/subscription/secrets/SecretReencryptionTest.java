package com.aifinance.subscription.secrets;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Mfa;
import com.aifinance.subscription.account.Registration;
import com.aifinance.subscription.authserver.SigningKeys;
import com.aifinance.subscription.testing.Authenticator;
import com.aifinance.subscription.testing.ServiceTest;
import com.aifinance.subscription.testing.TestUsers;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rotating {@code AIFA_ENCRYPTION_KEY} from the running service's key (A) to a new one (B) with A as the previous key,
 * over the real tables; then back, so the rest of the suite keeps its key.
 */
@ServiceTest
class SecretReencryptionTest {

    private static final byte[] KEY_A = SecretBox.decode("dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTEyMzQ=");
    private static final byte[] KEY_B = SecretBoxTest.key(42);

    @Autowired
    SecretReencryption reencryption;

    @Autowired
    SecretBox serviceBox;

    @Autowired
    Mfa mfa;

    @Autowired
    Registration registration;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    SigningKeys signingKeys;

    @Test
    void rotatingTheKeyKeepsOldValuesReadableWritesWithTheNewKeyAndAfterReencryptionNothingNeedsTheOldOne() {
        assertThat(serviceBox.currentKeyId()).isEqualTo(new SecretBox(KEY_A).currentKeyId());
        assertThat(signingKeys.get(new JWKSelector(new JWKMatcher.Builder().build()), null))
                .as("a signing key kept in the database").isNotEmpty();
        Account enrolled = TestUsers.verified(registration, encoder, "rotate");
        String secret = mfa.enrollDirectly(enrolled.id());
        Account older = TestUsers.verified(registration, encoder, "rotate-legacy");
        byte[] legacySecret = "12345678901234567890".getBytes(StandardCharsets.UTF_8);
        jdbc.sql("update users set mfa_secret = ?, mfa_enabled_at = now() where id = ?")
                .params(SecretBoxTest.legacy(KEY_A, legacySecret, "mfa:" + older.id()), older.id()).update();

        SecretBox rotated = new SecretBox(KEY_B, KEY_A);
        SecretBox onlyB = new SecretBox(KEY_B);
        try {
            // deployed with AIFA_ENCRYPTION_KEY=B, AIFA_ENCRYPTION_KEY_PREVIOUS=A: old rows still read
            assertThat(rotated.decrypt(totpOf(older), "mfa:" + older.id())).isEqualTo(legacySecret);
            assertThat(rotated.decrypt(totpOf(enrolled), "mfa:" + enrolled.id())).hasSize(20);
            assertThat(reencryption.standing(rotated).get("totp_secrets").otherKey()).isGreaterThanOrEqualTo(2);
            assertThat(rotated.isCurrent(rotated.encrypt(legacySecret, "x"))).as("new writes use B").isTrue();

            Map<String, SecretReencryption.Moved> moved = reencryption.reencrypt(rotated, "test");

            assertThat(moved.get("totp_secrets").reencrypted()).isGreaterThanOrEqualTo(2);
            assertThat(moved.get("signing_keys").reencrypted()).isGreaterThanOrEqualTo(1);
            assertThat(moved.values()).allSatisfy(kind -> assertThat(kind.unreadable()).isZero());
            assertThat(reencryption.standing(onlyB).values())
                    .allSatisfy(kind -> assertThat(kind.otherKey()).as("nothing left on A").isZero());
            for (Sealed value : everySealedValue()) {
                assertThat(onlyB.decrypt(value.value(), value.context())).as(value.context()).isNotEmpty();
                assertThatThrownBy(() -> new SecretBox(KEY_A).decrypt(value.value(), value.context()))
                        .isInstanceOf(IllegalStateException.class);
            }
            assertThat(onlyB.decrypt(totpOf(older), "mfa:" + older.id())).isEqualTo(legacySecret);
            assertThat(reencryption.reencrypt(rotated, "test").values())
                    .allSatisfy(kind -> assertThat(kind.reencrypted()).as("a second run has nothing to do").isZero());
            assertThat(jdbc.sql("select count(*) from audit_log where action = 'secrets.reencrypted' and target = ?")
                    .param("encryption-key:" + onlyB.currentKeyId()).query(Long.class).single()).isEqualTo(2);
        } finally {
            reencryption.reencrypt(new SecretBox(KEY_A, KEY_B), "test");
        }
        // rotated back to the service's key: the user's authenticator works as before
        assertThat(mfa.verify(enrolled.id(), Authenticator.code(secret, clock.instant()))).isTrue();
    }

    private byte[] totpOf(Account user) {
        return jdbc.sql("select mfa_secret from users where id = ?").param(user.id())
                .query((rs, row) -> rs.getBytes(1)).single();
    }

    private List<Sealed> everySealedValue() {
        List<Sealed> values = new java.util.ArrayList<>(jdbc.sql(
                        "select id, mfa_secret from users where mfa_secret is not null")
                .query((rs, row) -> new Sealed("mfa:" + rs.getObject(1), rs.getBytes(2))).list());
        values.addAll(jdbc.sql("select kid, private_key_encrypted from signing_keys")
                .query((rs, row) -> new Sealed("signing-key:" + rs.getString(1), rs.getBytes(2))).list());
        return values;
    }

    private record Sealed(String context, byte[] value) {
    }
}
