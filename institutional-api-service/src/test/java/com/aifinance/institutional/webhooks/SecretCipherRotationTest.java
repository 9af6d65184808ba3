package com.aifinance.institutional.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rotating AIFA_WEBHOOK_ENCRYPTION_KEY: old values stay readable, new ones use the new key, production refuses the development key. */
class SecretCipherRotationTest {

    static final String OLD_KEY = randomKey();
    static final String NEW_KEY = randomKey();

    @Test
    void aSecretEncryptedUnderThePreviousKeyStillDecryptsAfterTheRotationAndNewOnesUseTheNewKey() {
        SecretCipher before = cipher(OLD_KEY, null);
        String stored = before.encrypt("whsec_before");

        SecretCipher after = cipher(NEW_KEY, OLD_KEY);
        assertThat(after.decrypt(stored)).isEqualTo("whsec_before");
        assertThat(after.isCurrent(stored)).isFalse();

        String fresh = after.encrypt("whsec_after");
        assertThat(fresh).startsWith("v1." + after.currentKeyId() + ".");
        assertThat(after.isCurrent(fresh)).isTrue();
        assertThat(after.currentKeyId()).isNotEqualTo(before.currentKeyId());
        // the new key alone reads what it wrote, and not what the old key wrote
        assertThat(cipher(NEW_KEY, null).decrypt(fresh)).isEqualTo("whsec_after");
        assertThatThrownBy(() -> cipher(NEW_KEY, null).decrypt(stored))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(before.currentKeyId());
    }

    @Test
    void aSecretStoredBeforeKeyIdsExistedIsReadWithTheCurrentOrThePreviousKey() throws Exception {
        String legacyUnderOld = legacyCiphertext(Base64.getDecoder().decode(OLD_KEY), "whsec_legacy_old");
        String legacyUnderNew = legacyCiphertext(Base64.getDecoder().decode(NEW_KEY), "whsec_legacy_new");

        SecretCipher rotated = cipher(NEW_KEY, OLD_KEY);
        assertThat(rotated.decrypt(legacyUnderOld)).isEqualTo("whsec_legacy_old");
        assertThat(rotated.decrypt(legacyUnderNew)).isEqualTo("whsec_legacy_new");
        assertThat(rotated.isCurrent(legacyUnderNew)).isFalse();
        assertThatThrownBy(() -> cipher(NEW_KEY, null).decrypt(legacyUnderOld)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTamperedCiphertextIsRefused() {
        SecretCipher cipher = cipher(NEW_KEY, null);
        String stored = cipher.encrypt("whsec_x");
        String tampered = stored.substring(0, stored.length() - 4) + (stored.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theProductionProfileRefusesTheBuiltInDevelopmentKey() throws Exception {
        assertThatThrownBy(() -> cipher(null, null, "production"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AIFA_WEBHOOK_ENCRYPTION_KEY is not set");
        String developmentKey = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest("aifa local development webhook key".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> cipher(developmentKey, null, "production"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("development key");

        assertThat(cipher(NEW_KEY, OLD_KEY, "production").encrypt("whsec_p")).startsWith("v1.");
        // outside production the development key still runs a developer's machine
        assertThat(cipher(null, null).decrypt(cipher(developmentKey, null).encrypt("whsec_dev"))).isEqualTo("whsec_dev");
    }

    @Test
    void malformedKeysOrAPreviousKeyWithoutACurrentOneStopTheStart() {
        assertThatThrownBy(() -> cipher("c2hvcnQ=", null)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> cipher(NEW_KEY, "not base64!")).hasMessageContaining("AIFA_WEBHOOK_ENCRYPTION_KEY_PREVIOUS");
        assertThatThrownBy(() -> cipher("", OLD_KEY)).hasMessageContaining("without AIFA_WEBHOOK_ENCRYPTION_KEY");
    }

    static SecretCipher cipher(String key, String previous, String... profiles) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        return new SecretCipher(properties(key, previous), environment);
    }

    static WebhookProperties properties(String key, String previous) {
        return new WebhookProperties(true, false, Duration.ofSeconds(2), Duration.ofSeconds(5), 8, Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofSeconds(1), 8, Duration.ofHours(24), 10, key, previous, false);
    }

    /** The format written before ciphertexts carried a key id: base64(nonce | ciphertext | tag). */
    static String legacyCiphertext(byte[] key, String secret) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[nonce.length + sealed.length];
        System.arraycopy(nonce, 0, out, 0, nonce.length);
        System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
