package com.aifinance.enterprise.sso;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An organisation's OIDC login. It takes effect (published, served to subscription-service) only once the
 * organisation has proven it owns {@code emailDomain}.
 *
 * @param clientSecretCiphertext the client secret, encrypted by {@link SecretCipher}; never leaves this service
 *                               except decrypted to the identity provider's internal call
 */
record SsoConfiguration(UUID organisationId, String issuer, String clientId, String clientSecretCiphertext,
                        String emailDomain, boolean enforced, String verificationToken, Instant verifiedAt,
                        String verifiedBy, Instant updatedAt, String updatedBy) {

    static final String TXT_PREFIX = "_aifa-verification.";
    static final String TXT_VALUE_PREFIX = "aifa-domain-verification=";

    boolean verified() {
        return verifiedAt != null;
    }

    String txtRecordName() {
        return TXT_PREFIX + emailDomain;
    }

    String txtRecordValue() {
        return TXT_VALUE_PREFIX + verificationToken;
    }

    /** What the audit log keeps: everything but the secret. */
    Map<String, Object> audited() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("issuer", issuer);
        view.put("clientId", clientId);
        view.put("emailDomain", emailDomain);
        view.put("enforced", enforced);
        view.put("verified", verified());
        return view;
    }
}
