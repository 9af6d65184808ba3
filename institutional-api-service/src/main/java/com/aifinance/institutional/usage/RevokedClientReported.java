package com.aifinance.institutional.usage;

/**
 * enterprise-service answered a usage report saying this client is revoked. Normally {@code api_client.revoked} has
 * told us already; if that event is late, this closes the gap within one report interval.
 */
public record RevokedClientReported(String clientId) {
}
