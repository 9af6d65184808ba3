package com.aifinance.enterprise.contract;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.access.OrganisationAccess;
import com.aifinance.enterprise.access.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/enterprise")
@Validated
@Tag(name = "Contracts", description = "Institutional and enterprise contracts: term, price, quota, renewal")
class ContractController {

    private final Contracts contracts;
    private final ContractAdministration administration;
    private final OrganisationAccess access;
    private final Clock clock;

    ContractController(Contracts contracts, ContractAdministration administration, OrganisationAccess access,
                       Clock clock) {
        this.contracts = contracts;
        this.administration = administration;
        this.access = access;
        this.clock = clock;
    }

    @PostMapping("/organisations/{organisationId}/contracts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a signed contract (platform staff)",
            description = "Publishes contract.signed with the instalments billing-service invoices by bank transfer.")
    ContractView sign(@PathVariable UUID organisationId, @Valid @RequestBody ContractRequests.Sign request) {
        Actor actor = access.require(organisationId, Permission.MANAGE_CONTRACTS);
        return view(administration.sign(actor, organisationId, request));
    }

    @PostMapping("/organisations/{organisationId}/contracts/{contractId}/renewal")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Renew a contract (platform staff)",
            description = "The renewal starts the day after the contract ends; publishes contract.renewed.")
    ContractView renew(@PathVariable UUID organisationId, @PathVariable UUID contractId,
                       @Valid @RequestBody ContractRequests.Renew request) {
        Actor actor = access.require(organisationId, Permission.MANAGE_CONTRACTS);
        return view(administration.renew(actor, organisationId, contractId, request));
    }

    @GetMapping("/organisations/{organisationId}/contracts")
    @Operation(summary = "The organisation's contracts, newest first", description = "Owners, admins, billing.")
    List<ContractView> contracts(@PathVariable UUID organisationId) {
        access.require(organisationId, Permission.VIEW_CONTRACTS);
        return contracts.of(organisationId).stream().map(this::view).toList();
    }

    @GetMapping("/organisations/{organisationId}/contracts/{contractId}")
    @Operation(summary = "One contract with its instalments")
    ContractView contract(@PathVariable UUID organisationId, @PathVariable UUID contractId) {
        Actor actor = access.require(organisationId, Permission.VIEW_CONTRACTS);
        Contract contract = contracts.find(contractId).orElseThrow(() -> ApiProblem.notFound("Contract " + contractId));
        if (!contract.organisationId().equals(organisationId)) {
            throw actor.isOps() ? ApiProblem.notFound("Contract " + contractId)
                    : access.foreignResource(actor, contract.organisationId(), "Contract " + contractId);
        }
        return view(contract);
    }

    @GetMapping("/contracts")
    @Operation(summary = "Contracts ending soon, across organisations (platform staff)")
    List<ContractView> ending(@RequestParam(defaultValue = "90") @Min(0) @Max(730) int endingWithinDays) {
        access.requireOps(Permission.MANAGE_CONTRACTS);
        LocalDate today = today();
        return contracts.endingBetween(today, today.plusDays(endingWithinDays)).stream().map(this::view).toList();
    }

    private ContractView view(Contract contract) {
        LocalDate today = today();
        UUID renewedBy = contracts.renewalOf(contract.id()).map(Contract::id).orElse(null);
        String status = today.isBefore(contract.startDate()) ? "upcoming"
                : contract.inForceOn(today) ? "active" : renewedBy != null ? "renewed" : "expired";
        return new ContractView(contract.id(), contract.organisationId(), contract.reference(), status,
                contract.startDate(), contract.endDate(), contract.renewalDate(), contract.termMonths(),
                contract.annualValueMinor(), Instalments.termValueMinor(contract), contract.currency(),
                contract.requestQuotaPerMonth(), contract.seats(), contract.invoiceSchedule(),
                contract.paymentTermsDays(), contract.billingEmail(), contract.billTo(), Instalments.of(contract),
                contract.renewsContractId(), renewedBy, contract.signedAt(), contract.signedBy());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** @param status {@code upcoming}, {@code active}, {@code renewed} (ended, continued by renewedBy) or {@code expired} */
    record ContractView(UUID id, UUID organisationId, String reference, String status, LocalDate startDate,
                        LocalDate endDate, LocalDate renewalDate, int termMonths, long annualValueMinor,
                        long termValueMinor, String currency, long requestQuotaPerMonth, Integer seats,
                        String invoiceSchedule, int paymentTermsDays, String billingEmail, String billTo,
                        List<Instalments.Instalment> instalments, UUID renewsContractId, UUID renewedBy,
                        Instant signedAt, String signedBy) {
    }
}
