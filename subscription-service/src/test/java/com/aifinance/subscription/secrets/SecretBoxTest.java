package com.aifinance.subscription.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private static final byte[] KEY_A = key(1);
    private static final byte[] KEY_B = key(2);
    private static final byte[] SECRET = "totp-secret-bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void afterARotationValuesOfThePreviousKeyStayReadableAndNewValuesUseTheNewKey() {
        SecretBox a = new SecretBox(KEY_A);
        byte[] sealedWithA = a.encrypt(SECRET, "mfa:1");
        SecretBox rotated = new SecretBox(KEY_B, KEY_A);

        assertThat(rotated.decrypt(sealedWithA, "mfa:1")).isEqualTo(SECRET);
        assertThat(rotated.isCurrent(sealedWithA)).isFalse();
        byte[] written = rotated.encrypt(SECRET, "mfa:1");
        assertThat(rotated.isCurrent(written)).isTrue();
        assertThat(new SecretBox(KEY_B).decrypt(written, "mfa:1")).isEqualTo(SECRET);
        assertThatThrownBy(() -> a.decrypt(written, "mfa:1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reencryptingMovesAValueToTheCurrentKeySoThePreviousKeyIsNoLongerNeeded() {
        byte[] sealedWithA = new SecretBox(KEY_A).encrypt(SECRET, "mfa:1");
        SecretBox rotated = new SecretBox(KEY_B, KEY_A);

        byte[] moved = rotated.reencrypt(sealedWithA, "mfa:1").orElseThrow();

        assertThat(new SecretBox(KEY_B).decrypt(moved, "mfa:1")).isEqualTo(SECRET);
        assertThat(rotated.reencrypt(moved, "mfa:1")).as("already on the current key").isEmpty();
        assertThatThrownBy(() -> new SecretBox(KEY_B).decrypt(sealedWithA, "mfa:1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void valuesWrittenBeforeKeyIdsAreReadWithEitherKeyAndReencrypted() {
        byte[] legacyA = legacy(KEY_A, SECRET, "signing-key:k1");
        byte[] legacyB = legacy(KEY_B, SECRET, "signing-key:k1");
        SecretBox rotated = new SecretBox(KEY_B, KEY_A);

        assertThat(rotated.decrypt(legacyA, "signing-key:k1")).isEqualTo(SECRET);
        assertThat(rotated.decrypt(legacyB, "signing-key:k1")).isEqualTo(SECRET);
        assertThat(rotated.isCurrent(legacyB)).as("no key id yet").isFalse();
        byte[] moved = rotated.reencrypt(legacyB, "signing-key:k1").orElseThrow();
        assertThat(new SecretBox(KEY_B).isCurrent(moved)).isTrue();
        assertThat(new SecretBox(KEY_B).decrypt(moved, "signing-key:k1")).isEqualTo(SECRET);
    }

    @Test
    void aValueMovedToAnotherRowOrTamperedWithDoesNotDecrypt() {
        SecretBox box = new SecretBox(KEY_A);
        byte[] sealed = box.encrypt(SECRET, "mfa:1");

        assertThatThrownBy(() -> box.decrypt(sealed, "mfa:2")).isInstanceOf(IllegalStateException.class);
        byte[] headerChanged = sealed.clone();
        headerChanged[0] = 0x02;
        assertThatThrownBy(() -> box.decrypt(headerChanged, "mfa:1")).isInstanceOf(IllegalStateException.class);
        byte[] bodyChanged = sealed.clone();
        bodyChanged[bodyChanged.length - 1] ^= 1;
        assertThatThrownBy(() -> box.decrypt(bodyChanged, "mfa:1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keysAreThirtyTwoBytesAndIdentifiedWithoutRevealingThem() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        SecretBox rotated = new SecretBox(KEY_B, KEY_A);
        assertThat(rotated.currentKeyId()).hasSize(8).isNotEqualTo(rotated.previousKeyId().orElseThrow());
        assertThat(new SecretBox(KEY_A, KEY_A).previousKeyId()).as("the same key twice is no rotation").isEmpty();
    }

    /** A value as this service stored it before values carried a key id: nonce | ciphertext | tag. */
    static byte[] legacy(byte[] key, byte[] plaintext, String context) {
        try {
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] key(int seed) {
        byte[] key = new byte[32];
        new java.util.Random(seed).nextBytes(key);
        return key;
    }
}
