package com.aifinance.enterprise.sso;

import java.util.Base64;
import java.util.List;

import com.aifinance.common.web.ApiProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void aSecretDecryptsOnlyWithItsKeyAndContext() {
        SecretCipher cipher = new SecretCipher(new SecretProperties(KEY, List.of()));

        String sealed = cipher.encrypt("oidc-client-secret", "sso-client-secret:org-a");

        assertThat(sealed).startsWith("v1.").doesNotContain("oidc-client-secret");
        assertThat(cipher.encrypt("oidc-client-secret", "sso-client-secret:org-a")).isNotEqualTo(sealed);
        assertThat(cipher.decrypt(sealed, "sso-client-secret:org-a")).isEqualTo("oidc-client-secret");
        assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(sealed, "sso-client-secret:org-b"))
                .withMessageNotContaining("oidc-client-secret");
        assertThatIllegalStateException().isThrownBy(() -> new SecretCipher(new SecretProperties(OTHER_KEY, List.of()))
                .decrypt(sealed, "sso-client-secret:org-a"));
    }

    @Test
    void aRotatedKeyStillDecryptsWhatItEncrypted() {
        String sealed = new SecretCipher(new SecretProperties(KEY, List.of())).encrypt("s3cret", "ctx");

        SecretCipher rotated = new SecretCipher(new SecretProperties(OTHER_KEY, List.of(KEY)));

        assertThat(rotated.decrypt(sealed, "ctx")).isEqualTo("s3cret");
        assertThat(rotated.encrypt("s3cret", "ctx")).doesNotStartWith(sealed.substring(0, 12));
    }

    @Test
    void withoutAKeySecretsAreRefusedAndAMalformedKeyStopsStartUp() {
        SecretCipher none = new SecretCipher(new SecretProperties("", List.of("")));

        assertThat(none.canEncrypt()).isFalse();
        assertThatThrownBy(() -> none.encrypt("x", "ctx")).isInstanceOf(ApiProblem.class);
        assertThatIllegalStateException().isThrownBy(() -> new SecretCipher(new SecretProperties("c2hvcnQ=", List.of())))
                .withMessageContaining("32 bytes");
    }
}
