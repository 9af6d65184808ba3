package com.aifinance.enterprise.sso;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SSO settings ({@code aifa.enterprise.sso.*}).
 *
 * @param dnsServer        where domain-verification TXT records are looked up ({@code host:port}); empty: the system resolver
 * @param allowHttpIssuers accept {@code http://localhost} issuers (local development only)
 * @param sharedDomains    e-mail domains shared by many unrelated people, which no organisation may claim
 */
@ConfigurationProperties("aifa.enterprise.sso")
record SsoProperties(
        @DefaultValue("") String dnsServer,
        @DefaultValue("false") boolean allowHttpIssuers,
        @DefaultValue({"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
                "yahoo.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de",
                "mail.com", "yandex.com", "zoho.com", "qq.com", "163.com", "rediffmail.com"}) List<String> sharedDomains) {
}
