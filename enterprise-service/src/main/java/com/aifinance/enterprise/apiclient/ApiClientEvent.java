package com.aifinance.enterprise.apiclient;

import java.time.Instant;
import java.util.List;

/**
 * {@code api_client.created}, {@code .rotated} and {@code .revoked} on {@code aifa.enterprise}: subscription-service
 * registers, re-keys or disables the {@code client_credentials} client. Only the bcrypt hash of a secret travels.
 *
 * @param secretHash               the current secret's hash; null once revoked
 * @param previousSecretValidUntil after a rotation, until when the previous secret is still accepted
 * @param status                   {@code active} or {@code revoked}
 */
record ApiClientEvent(String organisationId, String clientId, String name, List<String> scopes, long quotaPerHour,
                      String secretHash, Instant previousSecretValidUntil, String status, String contractId,
                      Long requestQuotaPerMonth, Instant revokedAt, String reason) {
}
