package com.aifinance.enterprise.branding;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * White label ({@code aifa.enterprise.branding.*}).
 *
 * @param maxLogoBytes     largest logo upload
 * @param maxLogoPixels    largest logo width or height
 * @param reservedDomains  the platform's own domains: no custom domain may be one of them or under them
 */
@ConfigurationProperties("aifa.enterprise.branding")
record BrandingProperties(
        @DefaultValue("524288") int maxLogoBytes,
        @DefaultValue("2048") int maxLogoPixels,
        @DefaultValue({"aifinance.agency", "localhost"}) List<String> reservedDomains) {
}
