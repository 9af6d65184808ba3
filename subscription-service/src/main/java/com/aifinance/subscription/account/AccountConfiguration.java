package com.aifinance.subscription.account;

import com.aifinance.subscription.secrets.SealedColumn;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccountProperties.class)
class AccountConfiguration {

    /**
     * Passwords and client secrets: bcrypt by default, and any hash Spring Security knows by its {@code {id}} prefix
     * (so the bcrypt hashes enterprise-service sends for institutional clients are checked as they are).
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** TOTP secrets, sealed by {@link Mfa} with the user's id: moved to a new encryption key on rotation. */
    @Bean
    SealedColumn totpSecrets() {
        return new SealedColumn("totp_secrets", "users", "id", "mfa_secret", "mfa:");
    }
}
