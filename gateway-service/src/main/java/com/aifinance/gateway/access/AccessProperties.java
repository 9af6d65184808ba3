package com.aifinance.gateway.access;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which paths need a verified access token ({@code aifa.gateway.access.*}).
 *
 * @param protectedPaths          API paths that need a valid token (matched case-insensitively, on the decoded path)
 * @param publicApi               named groups of API paths served without a token (a token, when sent, is still
 *                                verified); the group names key the anonymous rate limits
 * @param roleRules               paths that only callers with one of the listed roles may use (403 otherwise)
 * @param identityHeaderPrefixes  request headers removed from every request before the gateway sets its own
 */
@ConfigurationProperties("aifa.gateway.access")
public record AccessProperties(
        @DefaultValue({"/api/**", "/v1/**"}) List<String> protectedPaths,
        @DefaultValue Map<String, List<String>> publicApi,
        @DefaultValue List<RoleRule> roleRules,
        @DefaultValue({"X-User-", "X-Auth-", "X-Authenticated-", "X-Caller-", "X-Forwarded-User", "X-Remote-User",
                "Remote-User"}) List<String> identityHeaderPrefixes) {

    /** Callers of {@code paths} need at least one of {@code roles} (the token's {@code roles} claim). */
    public record RoleRule(List<String> paths, List<String> roles) {
    }
}
