package com.aifinance.billing.refund;

import java.util.List;
import java.util.UUID;

import com.aifinance.billing.payment.Payment;
import com.aifinance.billing.payment.Payments;
import com.aifinance.billing.payment.Refund;
import com.aifinance.billing.payment.Refunds;
import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing")
@Tag(name = "Payments and refunds", description = "Payments received; full and partial refunds with credit notes")
class RefundController {

    private final RefundDesk desk;
    private final Payments payments;
    private final Refunds refunds;

    RefundController(RefundDesk desk, Payments payments, Refunds refunds) {
        this.desk = desk;
        this.payments = payments;
        this.refunds = refunds;
    }

    record RefundRequest(
            @NotNull UUID paymentId,
            @Parameter(description = "Minor units; leave out to refund everything that is left") Long amountMinor,
            @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotBlank @Size(max = 300) String reason) {
    }

    @PostMapping("/refunds")
    @PreAuthorize("hasRole('OPS')")
    @Operation(summary = "Refund a payment, fully or in part, through its provider",
            description = "201 when the provider completed it (ledger entry, credit note and refund.issued done), 202 "
                    + "while the provider is still working on it.")
    ResponseEntity<Refund> refund(@Valid @RequestBody RefundRequest request) {
        Refund refund = desk.refund(request, Caller.current().map(Caller::subject).orElse("ops"));
        return ResponseEntity.status("issued".equals(refund.status()) ? HttpStatus.CREATED : HttpStatus.ACCEPTED)
                .body(refund);
    }

    @GetMapping("/payments")
    @Operation(summary = "My payments (ops: anyone's with userId)")
    List<Payment> payments(@RequestParam(required = false) String userId) {
        Caller caller = Caller.current().orElseThrow();
        if (userId != null && !caller.hasRole("ops")) {
            throw ApiProblem.notFound("Payments of another user");
        }
        return payments.forUser(userId != null ? userId : caller.subject());
    }

    @GetMapping("/payments/{id}/refunds")
    @Operation(summary = "Refunds of a payment")
    List<Refund> refunds(@PathVariable UUID id) {
        Caller caller = Caller.current().orElseThrow();
        Payment payment = payments.find(id).filter(found -> caller.subject().equals(found.userId())
                || caller.hasRole("ops")).orElseThrow(() -> ApiProblem.notFound("Payment " + id));
        return refunds.forPayment(payment.id());
    }
}
