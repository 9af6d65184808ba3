package com.aifinance.subscription.secrets;

import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsConfigurationTest {

    private static final String OWN_KEY = Base64.getEncoder().encodeToString(SecretBoxTest.key(7));
    private static final String TESTS_KEY = "dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTEyMzQ=";

    @TempDir
    Path folder;

    @Test
    void productionRefusesToStartWithTheKeyPublishedInTheSourceOrWithoutAKey() {
        LocalData local = new LocalData(folder);
        assertThatThrownBy(() -> SecretsConfiguration.secretBox(TESTS_KEY, "", true, local))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tests' key");
        assertThatThrownBy(() -> SecretsConfiguration.secretBox(" ", "", true, local))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AIFA_ENCRYPTION_KEY is not set");
        assertThat(local.read("subscription-service/encryption.key")).as("no key generated").isEmpty();
    }

    @Test
    void productionMayKeepTheWellKnownKeyAsThePreviousOneToMoveDataOffIt() {
        SecretBox box = SecretsConfiguration.secretBox(OWN_KEY, TESTS_KEY, true, new LocalData(folder));
        byte[] old = SecretBox.fromBase64(TESTS_KEY).encrypt(new byte[] {1, 2, 3}, "ctx");
        assertThat(box.decrypt(old, "ctx")).containsExactly(1, 2, 3);
    }

    @Test
    void outsideProductionAKeyIsGeneratedOnceIntoTheLocalDataFolder() {
        LocalData local = new LocalData(folder);
        byte[] sealed = SecretsConfiguration.secretBox("", "", false, local).encrypt(new byte[] {9}, "ctx");
        assertThat(SecretsConfiguration.secretBox("", "", false, local).decrypt(sealed, "ctx")).containsExactly(9);
        assertThat(SecretsConfiguration.secretBox(TESTS_KEY, "", false, local).currentKeyId()).hasSize(8);
    }
}
