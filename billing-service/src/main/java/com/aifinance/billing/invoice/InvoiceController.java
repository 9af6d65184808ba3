package com.aifinance.billing.invoice;

import java.util.List;
import java.util.UUID;

import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing")
@Tag(name = "Invoices", description = "Invoices and credit notes, as JSON and PDF")
class InvoiceController {

    private final Invoices invoices;
    private final CreditNotes creditNotes;
    private final InvoicePdf pdf;

    InvoiceController(Invoices invoices, CreditNotes creditNotes, InvoicePdf pdf) {
        this.invoices = invoices;
        this.creditNotes = creditNotes;
        this.pdf = pdf;
    }

    @GetMapping("/invoices")
    @Operation(summary = "My invoices (ops: anyone's with userId or organisationId; organisation billing roles: the "
            + "organisation's, including its contract invoices)")
    List<Invoice> list(@Parameter(description = "ops only: whose invoices") @RequestParam(required = false) String userId,
                       @Parameter(description = "ops only: which organisation's invoices")
                       @RequestParam(required = false) String organisationId) {
        Caller caller = caller();
        if ((userId != null || organisationId != null) && !caller.hasRole("ops")) {
            throw ApiProblem.notFound("Invoices of another customer");
        }
        if (userId != null) {
            return invoices.forUser(userId);
        }
        if (organisationId != null) {
            return invoices.forOrganisation(organisationId);
        }
        if (caller.organisation() != null && canSeeOrganisation(caller)) {
            return invoices.forOrganisation(caller.organisation());
        }
        return invoices.forUser(caller.subject());
    }

    @GetMapping("/invoices/{id}")
    @Operation(summary = "One invoice with its lines")
    Invoice get(@PathVariable UUID id) {
        return visible(id);
    }

    @GetMapping(path = "/invoices/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The invoice as a PDF", responses = @ApiResponse(responseCode = "200",
            content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE)))
    ResponseEntity<byte[]> invoicePdf(@PathVariable UUID id) {
        Invoice invoice = visible(id);
        return pdfResponse(pdf.invoice(invoice), invoice.number());
    }

    @GetMapping("/invoices/{id}/credit-notes")
    @Operation(summary = "Credit notes issued against an invoice")
    List<CreditNote> creditNotes(@PathVariable UUID id) {
        visible(id);
        return creditNotes.forInvoice(id);
    }

    @GetMapping(path = "/credit-notes/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "A credit note as a PDF", responses = @ApiResponse(responseCode = "200",
            content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE)))
    ResponseEntity<byte[]> creditNotePdf(@PathVariable UUID id) {
        CreditNote note = creditNotes.find(id).orElseThrow(() -> ApiProblem.notFound("Credit note " + id));
        Invoice invoice = note.invoiceId() == null ? null : visible(note.invoiceId());
        if (invoice == null && !caller().hasRole("ops")) {
            throw ApiProblem.notFound("Credit note " + id);
        }
        return pdfResponse(pdf.creditNote(note, invoice), note.number());
    }

    private Invoice visible(UUID id) {
        Caller caller = caller();
        Invoice invoice = invoices.find(id).orElseThrow(() -> ApiProblem.notFound("Invoice " + id));
        boolean own = caller.subject().equals(invoice.userId());
        boolean organisation = invoice.organisationId() != null && invoice.organisationId().equals(caller.organisation())
                && canSeeOrganisation(caller);
        if (!own && !organisation && !caller.hasRole("ops")) {
            // not 403: whether someone else's invoice exists is not the caller's business
            throw ApiProblem.notFound("Invoice " + id);
        }
        return invoice;
    }

    private static boolean canSeeOrganisation(Caller caller) {
        return caller.hasRole("org_owner") || caller.hasRole("org_admin") || caller.hasRole("org_billing");
    }

    private static Caller caller() {
        return Caller.current().orElseThrow(() -> new IllegalStateException("authenticated endpoint without caller"));
    }

    private static ResponseEntity<byte[]> pdfResponse(byte[] body, String number) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(number + ".pdf").build().toString())
                .body(body);
    }
}
