package com.aifinance.billing.contract;

import java.time.LocalDate;
import java.util.List;

import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing/ops/contracts")
@PreAuthorize("hasRole('OPS')")
@Validated
@Tag(name = "Contract invoices (ops)", description = "enterprise-service's contracts as billing invoices them: "
        + "one bank-transfer invoice per instalment")
class ContractController {

    private final ContractInvoicing invoicing;

    ContractController(ContractInvoicing invoicing) {
        this.invoicing = invoicing;
    }

    /** A contract with its instalments, what has been invoiced and what has been paid (minor units). */
    record ContractView(ContractInvoicing.StoredContract contract, List<ContractInvoicing.InstalmentView> instalments,
                        long invoicedMinor, long paidMinor) {
    }

    @GetMapping
    @Operation(summary = "Contracts billing knows: an organisation's, or the 100 most recently recorded")
    List<ContractView> list(@Parameter(description = "only this organisation's")
                            @RequestParam(required = false) @Size(max = 100) String organisationId) {
        List<ContractInvoicing.StoredContract> contracts = organisationId != null
                ? invoicing.forOrganisation(organisationId) : invoicing.recent(100);
        return contracts.stream().map(this::view).toList();
    }

    @GetMapping("/{contractId}")
    @Operation(summary = "One contract's instalments: scheduled, issued (with the invoice and its status) or canceled")
    ContractView get(@PathVariable @Size(max = 100) String contractId) {
        return invoicing.find(contractId).map(this::view)
                .orElseThrow(() -> ApiProblem.notFound("Contract " + contractId));
    }

    record Cancellation(@NotBlank @Size(max = 300) String reason) {
    }

    @PostMapping("/{contractId}/instalments/{invoiceDate}/cancellation")
    @Operation(summary = "Cancel a scheduled instalment: it will not be invoiced",
            description = "For an instalment that is waived or was invoiced by hand. Only a scheduled instalment: "
                    + "409 when it is already issued or canceled, 404 when the contract has no instalment that day.")
    ContractView cancel(@PathVariable @Size(max = 100) String contractId,
                        @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate invoiceDate,
                        @Valid @RequestBody Cancellation cancellation) {
        String by = Caller.current().map(Caller::subject).orElse("ops");
        if (!invoicing.cancel(contractId, invoiceDate, cancellation.reason(), by)) {
            throw ApiProblem.notFound("Instalment of " + invoiceDate + " of contract " + contractId);
        }
        return get(contractId);
    }

    private ContractView view(ContractInvoicing.StoredContract contract) {
        List<ContractInvoicing.InstalmentView> instalments = invoicing.instalments(contract.contractId());
        long invoiced = instalments.stream().filter(i -> i.invoiceId() != null)
                .mapToLong(ContractInvoicing.InstalmentView::amountMinor).sum();
        long paid = instalments.stream().filter(i -> "paid".equals(i.invoiceStatus()))
                .mapToLong(ContractInvoicing.InstalmentView::amountMinor).sum();
        return new ContractView(contract, instalments, invoiced, paid);
    }
}
