package com.aifinance.enterprise.apiclient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * What platform services ask about clients in use: whether a presented secret is valid (current, or previous inside
 * its overlap window), and usage reports from institutional-api that move the last-used time. Revoked or
 * rotated-out credentials still in use are refused, counted and audited: they mean a leaked secret or a client
 * that missed a rotation. Usage batches are recorded once per batch id (a resend whose answer was lost is not
 * counted twice).
 */
@Service
class ClientCredentials {

    static final URI INVALID = ProblemTypes.of("client-credentials-invalid");
    static final URI USAGE_BATCH_CONFLICT = ProblemTypes.of("usage-batch-conflict");
    /** Far longer than institutional-api-service keeps resending a batch. */
    private static final Duration BATCH_RETENTION = Duration.ofDays(30);
    /** A reported use may be this far ahead of our clock (clock skew between hosts). */
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final ApiClients clients;
    private final BCryptPasswordEncoder encoder;
    private final String dummyHash;
    private final AuditLog audit;
    private final Clock clock;
    private final MeterRegistry meters;
    private final UsageBatches batches;
    private final JsonMapper json;

    ClientCredentials(ApiClients clients, ApiClientProperties properties, AuditLog audit, Clock clock,
                      MeterRegistry meters, UsageBatches batches, JsonMapper json) {
        this.clients = clients;
        this.batches = batches;
        this.json = json;
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

    /**
     * Records a usage batch once: a resend of batch {@code batchId} with the same content is answered as it was the
     * first time and counts nothing again; the same id with other content is a 409 {@code usage-batch-conflict}.
     *
     * @return per client: {@code active} and recorded, {@code revoked} (not recorded) or {@code unknown}
     */
    @Transactional
    UsageBatchResult recordUsage(Actor service, UUID batchId, List<ApiClientRequests.Usage> reports) {
        String contentHash = contentHash(reports);
        Instant now = clock.instant();
        if (!batches.claim(batchId, service.subject(), contentHash, now)) {
            UsageBatches.Recorded recorded = batches.find(batchId).orElseThrow();
            if (!recorded.contentHash().equals(contentHash)) {
                meters.counter("enterprise_api_client_usage_batches_total", "outcome", "conflict").increment();
                throw new ApiProblem(HttpStatus.CONFLICT, USAGE_BATCH_CONFLICT, "Usage batch id reused",
                        "Batch " + batchId + " was already recorded with different reports; a resend must carry "
                                + "exactly the same reports, and new reports need a new batch id.",
                        Map.of("batchId", batchId.toString()));
            }
            meters.counter("enterprise_api_client_usage_batches_total", "outcome", "duplicate").increment();
            return new UsageBatchResult(readResults(recorded.results()), true);
        }
        List<UsageResult> results = recordUsage(service, reports, now);
        batches.answered(batchId, json.writeValueAsString(results));
        batches.pruneBefore(now.minus(BATCH_RETENTION));
        meters.counter("enterprise_api_client_usage_batches_total", "outcome", "recorded").increment();
        return new UsageBatchResult(results, false);
    }

    record UsageBatchResult(List<UsageResult> results, boolean duplicate) {
    }

    private List<UsageResult> recordUsage(Actor service, List<ApiClientRequests.Usage> reports, Instant now) {
        Instant latestAllowed = now.plus(SKEW);
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

    /** The reports in order, each instant normalised, so a resend parsed from the same JSON hashes the same. */
    private static String contentHash(List<ApiClientRequests.Usage> reports) {
        StringBuilder canonical = new StringBuilder();
        for (ApiClientRequests.Usage usage : reports) {
            canonical.append(usage.clientId()).append('\t').append(usage.requests()).append('\t')
                    .append(usage.lastUsedAt()).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<UsageResult> readResults(String stored) {
        return List.of(json.readValue(stored, UsageResult[].class));
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
