package com.aifinance.enterprise.apiclient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What platform services ask about clients in use: whether a presented secret is valid (current, or previous inside
 * its overlap window), and usage reports from institutional-api that move the last-used time. Revoked or
 * rotated-out credentials still in use are refused, counted and audited: they mean a leaked secret or a client
 * that missed a rotation.
 */
@Service
class ClientCredentials {

    static final URI INVALID = ProblemTypes.of("client-credentials-invalid");
    /** A reported use may be this far ahead of our clock (clock skew between hosts). */
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final ApiClients clients;
    private final BCryptPasswordEncoder encoder;
    private final String dummyHash;
    private final AuditLog audit;
    private final Clock clock;
    private final MeterRegistry meters;

    ClientCredentials(ApiClients clients, ApiClientProperties properties, AuditLog audit, Clock clock,
                      MeterRegistry meters) {
        this.clients = clients;
        this.encoder = new BCryptPasswordEncoder(properties.bcryptStrength());
        this.dummyHash = encoder.encode("no client has this secret");
        this.audit = audit;
        this.clock = clock;
        this.meters = meters;
    }

    record Verified(String clientId, UUID organisationId, List<String> scopes, long quotaPerHour, String secret,
                    Instant secretValidUntil) {
    }

    @Transactional(noRollbackFor = ApiProblem.class)
    Verified authenticate(Actor service, String clientId, String presentedSecret) {
        Optional<ApiClient> found = clients.find(clientId);
        if (found.isEmpty()) {
            encoder.matches(presentedSecret, dummyHash);   // the same work as for a real client: no timing oracle
            throw refused("unknown", clientId);
        }
        ApiClient client = found.get();
        Instant now = clock.instant();
        ClientSecret matching = clients.secretsOf(clientId).stream()
                .filter(secret -> encoder.matches(presentedSecret, secret.secretHash())).findFirst().orElse(null);
        if (matching == null) {
            throw refused("secret_mismatch", clientId);
        }
        String status = matching.status(now);
        if (client.revoked() || "revoked".equals(status)) {
            auditStaleUse(service, client, "revoked");
            throw refused("revoked", clientId);
        }
        if ("expired".equals(status)) {
            auditStaleUse(service, client, "secret_expired");
            throw refused("secret_expired", clientId);
        }
        meters.counter("enterprise_api_client_authentications_total", "outcome", "accepted_" + status).increment();
        return new Verified(clientId, client.organisationId(), client.scopes(), client.quotaPerHour(), status,
                matching.validUntil());
    }

    /** @return per client: {@code active} and recorded, {@code revoked} (not recorded) or {@code unknown} */
    @Transactional
    List<UsageResult> recordUsage(Actor service, List<ApiClientRequests.Usage> reports) {
        Instant latestAllowed = clock.instant().plus(SKEW);
        List<UsageResult> results = new ArrayList<>();
        for (ApiClientRequests.Usage usage : reports) {
            if (usage.lastUsedAt().isAfter(latestAllowed)) {
                throw ApiProblem.invalid("lastUsedAt of " + usage.clientId() + " is in the future");
            }
            Optional<ApiClient> client = clients.find(usage.clientId());
            if (client.isEmpty()) {
                results.add(new UsageResult(usage.clientId(), "unknown", false));
            } else if (client.get().revoked()) {
                // only uses after the revocation are suspicious; a report may trail behind a revocation
                if (usage.lastUsedAt().isAfter(client.get().revokedAt())) {
                    auditStaleUse(service, client.get(), "revoked");
                }
                results.add(new UsageResult(usage.clientId(), "revoked", false));
            } else {
                clients.recordUsage(usage.clientId(), usage.lastUsedAt(), usage.requests());
                results.add(new UsageResult(usage.clientId(), "active", true));
            }
        }
        return results;
    }

    record UsageResult(String clientId, String status, boolean recorded) {
    }

    private void auditStaleUse(Actor service, ApiClient client, String reason) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reason", reason);
        detail.put("reportedBy", service.subject());
        audit.record(service, client.organisationId(), "api_client.stale_credentials_used", client.clientId(), null,
                detail);
        meters.counter("enterprise_api_client_stale_credentials_total", "reason", reason).increment();
    }

    private ApiProblem refused(String reason, String clientId) {
        meters.counter("enterprise_api_client_authentications_total", "outcome", reason).increment();
        return new ApiProblem(HttpStatus.UNAUTHORIZED, INVALID, "Client credentials invalid",
                "The credentials of " + clientId + " are not valid.", Map.of("reason", reason));
    }
}
