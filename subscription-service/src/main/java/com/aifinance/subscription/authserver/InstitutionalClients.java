package com.aifinance.subscription.authserver;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.aifinance.common.events.EventEnvelope;
import com.aifinance.subscription.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Institutional clients as enterprise-service manages them ({@code api_client.created/rotated/revoked} on
 * {@code aifa.enterprise}). Only a bcrypt hash of the secret ever arrives. After a rotation the previous secret keeps
 * working until {@code previousSecretValidUntil}, so the client can roll its deployments; a revocation ends the
 * current secret at once. Events older than the last one applied to a client are ignored.
 */
@Component
public class InstitutionalClients {

    private static final Logger log = LoggerFactory.getLogger(InstitutionalClients.class);
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}$");
    private static final Pattern CLIENT_ID = Pattern.compile("^[A-Za-z0-9._-]{3,100}$");
    private static final Pattern SCOPE = Pattern.compile("^[a-z][a-z0-9_-]*(:[a-z0-9_-]+)?$");

    private final RegisteredClientRepository clients;
    private final JdbcClient jdbc;
    private final PlatformClients platformClients;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final Clock clock;

    InstitutionalClients(RegisteredClientRepository clients, JdbcClient jdbc, PlatformClients platformClients,
                         PasswordEncoder encoder, AuditLog audit, Clock clock) {
        this.clients = clients;
        this.jdbc = jdbc;
        this.platformClients = platformClients;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
    }

    /** Applies one {@code api_client.*} event; runs inside the consumer's transaction. */
    void apply(EventEnvelope event) {
        JsonNode data = event.data();
        String clientId = text(data, "clientId");
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw new IllegalArgumentException("api_client event without a valid clientId");
        }
        Optional<Instant> lastApplied = jdbc.sql("select updated_at from institutional_clients where client_id = ?")
                .param(clientId).query(Timestamp.class).optional().map(Timestamp::toInstant);
        if (lastApplied.isPresent() && !event.time().isAfter(lastApplied.get())) {
            log.info("Ignoring {} for client {}: older than the last change applied", event.type(), clientId);
            return;
        }
        switch (event.type()) {
            case "api_client.created", "api_client.rotated" -> register(event, clientId, data);
            case "api_client.revoked" -> revoke(event, clientId);
            default -> throw new IllegalArgumentException("not an api_client event: " + event.type());
        }
    }

    /**
     * Registers (or, on a rotation, re-keys) a client. A rotation keeps the replaced hash as the previous secret.
     * Also used by the local demo data, with a hash made here.
     */
    public void register(String clientId, UUID organisationId, List<String> scopes, Long quotaPerHour,
                         String secretHash, Instant previousSecretValidUntil, Instant at, String actor) {
        if (!BCRYPT.matcher(secretHash).matches()) {
            throw new IllegalArgumentException("secretHash of client " + clientId + " is not a bcrypt hash");
        }
        for (String scope : scopes) {
            if (!SCOPE.matcher(scope).matches() || PlatformClients.INTERNAL_SCOPE.equals(scope)) {
                throw new IllegalArgumentException("scope not allowed for an institutional client: " + scope);
            }
        }
        RegisteredClient existing = clients.findByClientId(clientId);
        if (existing != null && ClientKind.of(existing).orElse(null) != ClientKind.INSTITUTIONAL) {
            throw new IllegalArgumentException("client id " + clientId + " belongs to a platform client");
        }
        String previousHash = existing == null || existing.getClientSecret() == null ? null
                : existing.getClientSecret().replaceFirst("^\\{bcrypt}", "");
        boolean rotated = previousHash != null && !previousHash.equals(secretHash);
        RegisteredClient.Builder builder = existing != null ? RegisteredClient.from(existing)
                : RegisteredClient.withId(UUID.randomUUID().toString()).clientId(clientId);
        clients.save(builder
                .clientName("institutional client " + clientId)
                .clientSecret("{bcrypt}" + secretHash)
                .clientSecretExpiresAt(null)
                .clientAuthenticationMethods(Set::clear)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantTypes(Set::clear)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(current -> {
                    current.clear();
                    current.addAll(scopes);
                })
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false)
                        .setting(ClientKind.SETTING, ClientKind.INSTITUTIONAL.name())
                        .setting(ClientKind.ORGANISATION_SETTING, organisationId.toString()).build())
                .tokenSettings(platformClients.tokenSettings(false))
                .build());
        jdbc.sql("""
                        insert into institutional_clients (client_id, organisation_id, quota_per_hour, previous_secret_hash,
                                                           previous_valid_until, revoked_at, updated_at)
                        values (:id, :org, :quota, :previous, :until, null, :at)
                        on conflict (client_id) do update set organisation_id = excluded.organisation_id,
                            quota_per_hour = excluded.quota_per_hour, previous_secret_hash = excluded.previous_secret_hash,
                            previous_valid_until = excluded.previous_valid_until, revoked_at = null,
                            updated_at = excluded.updated_at""")
                .param("id", clientId).param("org", organisationId).param("quota", quotaPerHour)
                .param("previous", rotated ? previousHash : null)
                .param("until", rotated && previousSecretValidUntil != null ? Timestamp.from(previousSecretValidUntil) : null)
                .param("at", Timestamp.from(at))
                .update();
        audit.record(actor, rotated ? "institutional_client.rotated" : "institutional_client.registered",
                "client:" + clientId, null, Map.of("organisationId", organisationId.toString(), "scopes", scopes,
                        "previousSecretValidUntil", String.valueOf(rotated ? previousSecretValidUntil : null)));
    }

    /** Whether the client is registered, not revoked, and {@code secret} is its current secret. */
    public boolean accepts(String clientId, String secret) {
        RegisteredClient client = clients.findByClientId(clientId);
        return secret != null && client != null && client.getClientSecret() != null
                && (client.getClientSecretExpiresAt() == null || client.getClientSecretExpiresAt().isAfter(clock.instant()))
                && encoder.matches(secret, client.getClientSecret());
    }

    /** Whether {@code secret} is the client's previous secret and still inside its grace period. */
    Optional<RegisteredClient> acceptsPreviousSecret(String clientId, String secret) {
        return jdbc.sql("""
                        select previous_secret_hash from institutional_clients
                        where client_id = ? and revoked_at is null and previous_secret_hash is not null
                          and previous_valid_until > ?""")
                .params(clientId, Timestamp.from(clock.instant()))
                .query(String.class).optional()
                .filter(hash -> encoder.matches(secret, "{bcrypt}" + hash))
                .map(hash -> clients.findByClientId(clientId));
    }

    private void register(EventEnvelope event, String clientId, JsonNode data) {
        String organisation = text(data, "organisationId");
        String hash = text(data, "secretHash");
        if (organisation == null || hash == null) {
            throw new IllegalArgumentException(event.type() + " without organisationId or secretHash");
        }
        List<String> scopes = data.path("scopes").isArray()
                ? data.path("scopes").valueStream().map(JsonNode::asString).toList() : List.of();
        Long quota = data.path("quotaPerHour").isNumber() ? data.path("quotaPerHour").asLong() : null;
        String until = text(data, "previousSecretValidUntil");
        register(clientId, UUID.fromString(organisation), scopes, quota, hash,
                until == null ? null : Instant.parse(until), event.time(), "enterprise-service");
    }

    private void revoke(EventEnvelope event, String clientId) {
        RegisteredClient existing = clients.findByClientId(clientId);
        if (existing == null || ClientKind.of(existing).orElse(null) != ClientKind.INSTITUTIONAL) {
            log.info("Ignoring api_client.revoked for unknown client {}", clientId);
            return;
        }
        clients.save(RegisteredClient.from(existing).clientSecretExpiresAt(event.time()).build());
        jdbc.sql("""
                        update institutional_clients set revoked_at = :at, previous_secret_hash = null,
                            previous_valid_until = null, updated_at = :at where client_id = :id""")
                .param("at", Timestamp.from(event.time())).param("id", clientId).update();
        audit.record("enterprise-service", "institutional_client.revoked", "client:" + clientId, null,
                Map.of("revokedAt", event.time().toString()));
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
