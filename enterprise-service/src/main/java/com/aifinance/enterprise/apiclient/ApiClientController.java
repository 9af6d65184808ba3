package com.aifinance.enterprise.apiclient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.access.OrganisationAccess;
import com.aifinance.enterprise.access.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/enterprise")
@Tag(name = "Institutional API clients", description = "client_credentials clients of the /v1 API")
class ApiClientController {

    private final ApiClients clients;
    private final ApiClientAdministration administration;
    private final ClientCredentials credentials;
    private final OrganisationAccess access;
    private final Clock clock;

    ApiClientController(ApiClients clients, ApiClientAdministration administration, ClientCredentials credentials,
                        OrganisationAccess access, Clock clock) {
        this.clients = clients;
        this.administration = administration;
        this.credentials = credentials;
        this.access = access;
        this.clock = clock;
    }

    @PostMapping("/organisations/{organisationId}/api-clients")
    @Operation(summary = "Create a client; the secret is in this response only",
            description = "Owners and admins of an organisation with a contract in force. The secret is stored as a "
                    + "bcrypt hash; api_client.created carries only the hash.")
    ResponseEntity<IssuedView> create(@PathVariable UUID organisationId,
                                      @Valid @RequestBody ApiClientRequests.Create request) {
        Actor actor = access.require(organisationId, Permission.MANAGE_SECURITY);
        return issued(HttpStatus.CREATED, administration.create(actor, organisationId, request));
    }

    @GetMapping("/organisations/{organisationId}/api-clients")
    @Operation(summary = "The organisation's clients with their secrets' validity and last use (never a secret)")
    List<ClientView> list(@PathVariable UUID organisationId) {
        access.require(organisationId, Permission.MANAGE_SECURITY);
        return clients.of(organisationId).stream().map(this::view).toList();
    }

    @GetMapping("/organisations/{organisationId}/api-clients/{clientId}")
    @Operation(summary = "One client")
    ClientView one(@PathVariable UUID organisationId, @PathVariable String clientId) {
        Actor actor = access.require(organisationId, Permission.MANAGE_SECURITY);
        ApiClient client = clients.find(clientId).orElseThrow(() -> ApiProblem.notFound("Client " + clientId));
        if (!client.organisationId().equals(organisationId)) {
            throw actor.isOps() ? ApiProblem.notFound("Client " + clientId)
                    : access.foreignResource(actor, client.organisationId(), "Client " + clientId);
        }
        return view(client);
    }

    @PostMapping("/organisations/{organisationId}/api-clients/{clientId}/rotation")
    @Operation(summary = "Rotate the secret; the new one is in this response only",
            description = "The current secret keeps working for overlapHours (default 24, at most 168). "
                    + "Publishes api_client.rotated with previousSecretValidUntil.")
    ResponseEntity<IssuedView> rotate(@PathVariable UUID organisationId, @PathVariable String clientId,
                                      @Valid @RequestBody(required = false) ApiClientRequests.Rotate request) {
        Actor actor = access.require(organisationId, Permission.MANAGE_SECURITY);
        return issued(HttpStatus.OK, administration.rotate(actor, organisationId, clientId, request));
    }

    @PostMapping("/organisations/{organisationId}/api-clients/{clientId}/revocation")
    @Operation(summary = "Revoke the client: every secret stops working", description = "Publishes api_client.revoked.")
    ClientView revoke(@PathVariable UUID organisationId, @PathVariable String clientId,
                      @Valid @RequestBody(required = false) ApiClientRequests.Revoke request) {
        Actor actor = access.require(organisationId, Permission.MANAGE_SECURITY);
        return view(administration.revoke(actor, organisationId, clientId, request == null ? null : request.reason()));
    }

    @PostMapping("/internal/api-clients/authentication")
    @Operation(summary = "Check a client's secret (platform services)",
            description = "200 with the client's organisation, scopes and quota when the secret is current or inside "
                    + "its overlap window; 401 client-credentials-invalid with reason unknown, secret_mismatch, "
                    + "revoked or secret_expired otherwise. Use of revoked or expired credentials is audited.")
    ClientCredentials.Verified authenticate(@Valid @RequestBody ApiClientRequests.Authenticate request) {
        Actor service = access.requireService("api_client.authenticate");
        return credentials.authenticate(service, request.clientId(), request.clientSecret());
    }

    @PostMapping("/internal/api-clients/usage")
    @Operation(summary = "Report client usage (institutional-api-service)",
            description = "Batches {batchId, reports: [{clientId, requests, lastUsedAt}]}; moves each client's "
                    + "last-used time forward and adds to its request count. Revoked clients are answered as revoked "
                    + "and their use audited. Idempotent by batchId: a resend with the same reports is answered as "
                    + "the first time (duplicate: true) and counted once; the same batchId with other reports is "
                    + "409 usage-batch-conflict.")
    UsageResults usage(@Valid @RequestBody ApiClientRequests.UsageReport report) {
        Actor service = access.requireService("api_client.usage");
        var recorded = credentials.recordUsage(service, report.batchId(), report.reports());
        return new UsageResults(recorded.results(), recorded.duplicate());
    }

    @GetMapping("/internal/api-clients")
    @Operation(summary = "Every client with its current and previous secret hash (platform services)",
            description = "For subscription-service to rebuild its registered clients; events keep it current.")
    List<ServiceClientView> all() {
        access.requireService("api_client.list");
        Instant now = clock.instant();
        return clients.all().stream().map(client -> {
            List<ClientSecret> secrets = clients.secretsOf(client.clientId());
            ClientSecret current = secrets.stream().filter(s -> "current".equals(s.status(now))).findFirst().orElse(null);
            ClientSecret previous = secrets.stream().filter(s -> "previous".equals(s.status(now))).findFirst().orElse(null);
            return new ServiceClientView(client.clientId(), client.organisationId(), client.scopes(),
                    client.quotaPerHour(), client.status(), current == null ? null : current.secretHash(),
                    previous == null ? null : previous.secretHash(), previous == null ? null : previous.validUntil());
        }).toList();
    }

    private ResponseEntity<IssuedView> issued(HttpStatus status, ApiClientAdministration.Issued issued) {
        // the one response that holds a secret must not be kept by any cache
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
                .body(new IssuedView(view(issued.client()), issued.secret(),
                        "Store this secret now: it is not shown again."));
    }

    private ClientView view(ApiClient client) {
        Instant now = clock.instant();
        List<SecretView> secrets = clients.secretsOf(client.clientId()).stream()
                .map(secret -> new SecretView(secret.id(), secret.status(now), secret.createdAt(), secret.validUntil()))
                .toList();
        return new ClientView(client.clientId(), client.organisationId(), client.name(), client.scopes(),
                client.quotaPerHour(), client.contractId(), client.status(), client.createdAt(), client.createdBy(),
                client.revokedAt(), client.revocationReason(), client.lastUsedAt(), client.requestsTotal(), secrets);
    }

    record ClientView(String clientId, UUID organisationId, String name, List<String> scopes, long quotaPerHour,
                      UUID contractId, @Schema(allowableValues = {"active", "revoked"}) String status,
                      Instant createdAt, String createdBy, Instant revokedAt, String revocationReason,
                      Instant lastUsedAt, long requestsTotal, List<SecretView> secrets) {
    }

    record SecretView(UUID id, @Schema(allowableValues = {"current", "previous", "expired", "revoked"}) String status,
                      Instant createdAt, Instant validUntil) {
    }

    record IssuedView(ClientView client, String clientSecret, String notice) {
    }

    record UsageResults(List<ClientCredentials.UsageResult> results, boolean duplicate) {
    }

    record ServiceClientView(String clientId, UUID organisationId, List<String> scopes, long quotaPerHour,
                             String status, String secretHash, String previousSecretHash,
                             Instant previousSecretValidUntil) {
    }
}
