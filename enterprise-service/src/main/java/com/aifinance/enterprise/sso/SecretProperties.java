package com.aifinance.enterprise.sso;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys that encrypt stored third-party secrets ({@code aifa.enterprise.secrets.*}), from the environment only.
 *
 * @param key          base64 of 32 random bytes ({@code AIFA_ENTERPRISE_SECRET_KEY}); empty: storing secrets is refused
 * @param previousKeys keys replaced by a rotation, still able to decrypt what they encrypted
 */
@ConfigurationProperties("aifa.enterprise.secrets")
record SecretProperties(@DefaultValue("") String key, @DefaultValue List<String> previousKeys) {

    @Override
    public String toString() {
        return "SecretProperties[keys withheld]";
    }
}
