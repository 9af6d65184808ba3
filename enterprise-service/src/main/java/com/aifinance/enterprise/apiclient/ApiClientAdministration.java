package com.aifinance.enterprise.apiclient;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.access.OrganisationAccess;
import com.aifinance.enterprise.audit.AuditLog;
import com.aifinance.enterprise.contract.Contract;
import com.aifinance.enterprise.contract.Contracts;
import com.aifinance.enterprise.organisation.Organisations;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, rotating and revoking institutional clients. A secret exists in clear only in the response that
 * creates it; we keep its bcrypt hash and publish only that.
 */
@Service
class ApiClientAdministration {

    static final URI CONTRACT_REQUIRED = ProblemTypes.of("contract-required");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final ApiClients clients;
    private final Contracts contracts;
    private final Organisations organisations;
    private final OrganisationAccess access;
    private final ApiClientProperties properties;
    private final BCryptPasswordEncoder encoder;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;

    ApiClientAdministration(ApiClients clients, Contracts contracts, Organisations organisations,
                            OrganisationAccess access, ApiClientProperties properties, AuditLog audit, Outbox outbox,
                            Clock clock, MeterRegistry meters) {
        this.clients = clients;
        this.contracts = contracts;
        this.organisations = organisations;
        this.access = access;
        this.properties = properties;
        this.encoder = new BCryptPasswordEncoder(properties.bcryptStrength(), RANDOM);
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
    }

    record Issued(ApiClient client, String secret) {
    }

    @Transactional
    Issued create(Actor actor, UUID organisationId, ApiClientRequests.Create request) {
        organisations.lock(organisationId);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Contract contract = contracts.inForce(organisationId, today).orElseThrow(() -> new ApiProblem(
                HttpStatus.CONFLICT, CONTRACT_REQUIRED, "No contract in force",
                "Institutional API clients need a contract in force; its quota bounds the clients' quotas."));
        long quota = request.quotaPerHour() != null ? request.quotaPerHour()
                : Math.max(1, Math.ceilDiv(contract.requestQuotaPerMonth(), 720));
        if (quota > contract.requestQuotaPerMonth()) {
            throw ApiProblem.invalid("quotaPerHour cannot exceed the contract's monthly quota of "
                    + contract.requestQuotaPerMonth());
        }
        if (clients.countActive(organisationId) >= properties.maxActivePerOrganisation()) {
            throw ApiProblem.conflict("The organisation already has " + properties.maxActivePerOrganisation()
                    + " active clients; revoke one first.");
        }
        Instant now = clock.instant();
        ApiClient client = new ApiClient(newClientId(), organisationId, request.name().strip(),
                request.scopes().stream().distinct().sorted().toList(), quota, contract.id(), now, actor.subject(),
                null, null, null, null, 0);
        clients.insert(client);
        String secret = newSecret();
        String hash = encoder.encode(secret);
        clients.insertSecret(new ClientSecret(UUID.randomUUID(), client.clientId(), hash, now, null, null));
        outbox.publish(EventStreams.ENTERPRISE, "api_client.created", "api-client-" + client.clientId(),
                event(client, hash, null, contract));
        audit.record(actor, organisationId, "api_client.created", client.clientId(), null, client);
        meters.counter("enterprise_api_client_changes_total", "change", "created").increment();
        return new Issued(client, secret);
    }

    /**
     * A new secret; the current one keeps working for the overlap window so the client can roll out the new one.
     * A secret still inside an earlier window ends now: at most two secrets work at any time.
     */
    @Transactional
    Issued rotate(Actor actor, UUID organisationId, String clientId, ApiClientRequests.Rotate request) {
        ApiClient client = lockOwn(actor, organisationId, clientId);
        if (client.revoked()) {
            throw ApiProblem.conflict("Client " + clientId + " is revoked; create a new one.");
        }
        Duration overlap = request == null || request.overlapHours() == null ? properties.defaultOverlap()
                : Duration.ofHours(request.overlapHours());
        if (overlap.compareTo(properties.maxOverlap()) > 0) {
            throw ApiProblem.invalid("overlapHours may be at most " + properties.maxOverlap().toHours());
        }
        Instant now = clock.instant();
        Instant previousValidUntil = now.plus(overlap);
        List<ClientSecret> before = clients.secretsOf(clientId);
        for (ClientSecret secret : before) {
            if (secret.revokedAt() == null) {
                clients.endSecret(secret.id(), secret.validUntil() == null ? previousValidUntil : now);
            }
        }
        String secret = newSecret();
        String hash = encoder.encode(secret);
        clients.insertSecret(new ClientSecret(UUID.randomUUID(), clientId, hash, now, null, null));
        Contract contract = client.contractId() == null ? null : contracts.inForce(organisationId,
                LocalDate.ofInstant(now, ZoneOffset.UTC)).orElse(null);
        outbox.publish(EventStreams.ENTERPRISE, "api_client.rotated", "api-client-" + clientId,
                event(client, hash, previousValidUntil, contract));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("previousSecretValidUntil", previousValidUntil.toString());
        after.put("secrets", clients.secretsOf(clientId).size());
        audit.record(actor, organisationId, "api_client.rotated", clientId, Map.of("secrets", before.size()), after);
        meters.counter("enterprise_api_client_changes_total", "change", "rotated").increment();
        return new Issued(client, secret);
    }

    /** Every secret stops working; subscription-service disables the client on {@code api_client.revoked}. */
    @Transactional
    ApiClient revoke(Actor actor, UUID organisationId, String clientId, String reason) {
        ApiClient client = lockOwn(actor, organisationId, clientId);
        if (client.revoked()) {
            return client;
        }
        Instant now = clock.instant();
        clients.markRevoked(clientId, now, actor.subject(), reason);
        ApiClient revoked = clients.find(clientId).orElseThrow();
        outbox.publish(EventStreams.ENTERPRISE, "api_client.revoked", "api-client-" + clientId,
                new ApiClientEvent(organisationId.toString(), clientId, client.name(), client.scopes(),
                        client.quotaPerHour(), null, null, "revoked",
                        client.contractId() == null ? null : client.contractId().toString(), null, now, reason));
        audit.record(actor, organisationId, "api_client.revoked", clientId, client, revoked);
        meters.counter("enterprise_api_client_changes_total", "change", "revoked").increment();
        return revoked;
    }

    private ApiClient lockOwn(Actor actor, UUID organisationId, String clientId) {
        ApiClient client = clients.lock(clientId).orElseThrow(() -> ApiProblem.notFound("Client " + clientId));
        if (!client.organisationId().equals(organisationId)) {
            throw actor.isOps() ? ApiProblem.notFound("Client " + clientId)
                    : access.foreignResource(actor, client.organisationId(), "Client " + clientId);
        }
        return client;
    }

    private static ApiClientEvent event(ApiClient client, String hash, Instant previousValidUntil, Contract contract) {
        return new ApiClientEvent(client.organisationId().toString(), client.clientId(), client.name(), client.scopes(),
                client.quotaPerHour(), hash, previousValidUntil, "active",
                contract == null ? null : contract.id().toString(),
                contract == null ? null : contract.requestQuotaPerMonth(), null, null);
    }

    private static String newClientId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        StringBuilder id = new StringBuilder("inst_");
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                id.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return id.toString();
    }

    /** 256 random bits with a prefix that secret scanners can recognise. */
    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "aifa_sk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
