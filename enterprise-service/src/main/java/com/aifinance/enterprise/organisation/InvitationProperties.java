package com.aifinance.enterprise.organisation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Invitations ({@code aifa.enterprise.invitations.*}).
 *
 * @param validFor  how long an e-mailed link works
 * @param acceptUrl the dashboard page that accepts an invitation; the token is appended
 */
@ConfigurationProperties("aifa.enterprise.invitations")
record InvitationProperties(
        @DefaultValue("7d") Duration validFor,
        @DefaultValue("http://localhost:8080/invitations/accept?token=") String acceptUrl) {
}
