package com.aifinance.enterprise.network;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The proxies whose {@code X-Forwarded-For} we believe ({@code aifa.enterprise.trusted-proxies}): the gateway, the
 * load balancer. Locally the gateway runs on the loopback address.
 */
@ConfigurationProperties("aifa.enterprise")
record TrustedProxyProperties(@DefaultValue({"127.0.0.1/32", "::1/128"}) List<String> trustedProxies) {
}
