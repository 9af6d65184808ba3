package com.aifinance.billing.banktransfer;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.aifinance.billing.invoice.Invoice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing/ops/bank-invoices")
@PreAuthorize("hasRole('OPS')")
@Tag(name = "Bank transfer (ops)", description = "Contract invoices paid by bank transfer")
class BankInvoiceController {

    private final BankInvoices bankInvoices;
    private final Clock clock;

    BankInvoiceController(BankInvoices bankInvoices, Clock clock) {
        this.bankInvoices = bankInvoices;
        this.clock = clock;
    }

    record Line(@NotBlank @Size(max = 300) String description, @NotNull Integer quantity,
                @NotNull Long unitAmountMinor) {
    }

    /** Addressed to {@code userId}, or to the organisation when only {@code organisationId} is given. */
    record ContractInvoiceRequest(
            @Pattern(regexp = "\\S{1,100}", message = "must be an id without spaces") String userId,
            @Pattern(regexp = "\\S{1,100}", message = "must be an id without spaces") String organisationId,
            @Email @Size(max = 320) String billingEmail,
            @Size(max = 100) String contractId,
            @NotBlank @Pattern(regexp = "enterprise|institutional") String tier,
            @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotEmpty @Size(max = 50) List<@Valid Line> lines,
            @Min(0) @Max(10000) Integer taxRateBasisPoints,
            @Size(max = 50) String taxLabel,
            @Size(max = 50) String customerTaxId,
            @Size(max = 500) String billTo,
            @Min(1) @Max(365) Integer dueInDays) {
    }

    record BankPaymentRequest(
            @NotBlank @Size(max = 100) String bankReference,
            @NotNull Long amountMinor,
            @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
            Instant receivedAt) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue a contract invoice with bank payment instructions",
            description = "Numbered per currency; tax at taxRateBasisPoints (1800 = 18 %) on the subtotal. Addressed to "
                    + "userId, or to the organisation's own account when only organisationId is given.")
    Invoice issue(@Valid @RequestBody ContractInvoiceRequest request) {
        return bankInvoices.issue(request);
    }

    @PostMapping("/{id}/payments")
    @Operation(summary = "Record the transfer that paid an invoice (bank reference, amount, currency)",
            description = "The amount and currency must settle the invoice exactly; the payment is booked in the "
                    + "ledger and payment.succeeded and invoice.paid are published.")
    Invoice recordPayment(@PathVariable UUID id, @Valid @RequestBody BankPaymentRequest request) {
        return bankInvoices.recordPayment(id, request);
    }

    @GetMapping
    @Operation(summary = "Open bank-transfer invoices, oldest first")
    List<Invoice> open() {
        return bankInvoices.open(clock.instant().plusSeconds(1));
    }
}
