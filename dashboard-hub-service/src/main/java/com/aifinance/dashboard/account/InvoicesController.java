package com.aifinance.dashboard.account;

import java.util.List;

import com.aifinance.dashboard.layout.PageNotFoundException;
import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.Downstream.Service;
import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.Reply;
import com.aifinance.dashboard.platform.Users;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Invoices (billing-service) with their PDFs, passed through with the user's own token. */
@PageController
class InvoicesController {

    private final Downstream downstream;
    private final Users users;

    InvoicesController(Downstream downstream, Users users) {
        this.downstream = downstream;
        this.users = users;
    }

    @GetMapping("/account/invoices")
    String page(Model model) {
        users.current();
        model.addAttribute("section", "account");
        return "account/invoices";
    }

    @GetMapping("/account/panels/invoices")
    String panel(Model model) {
        Reply<List<AccountViews.Invoice>> invoices = downstream.get(Service.BILLING,
                new ParameterizedTypeReference<>() {
                }, "/api/billing/invoices");
        model.addAttribute("panel", invoices.toPanel(List::isEmpty));
        return "account/invoices :: invoices-panel";
    }

    @GetMapping("/account/invoices/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String id) {
        if (!id.matches("[0-9a-fA-F-]{36}")) {
            throw new PageNotFoundException("There is no invoice " + id + ".");
        }
        Reply<Downstream.Download> reply = downstream.download(Service.BILLING, "/api/billing/invoices/{id}/pdf", id);
        return switch (reply) {
            case Reply.Ok<Downstream.Download>(Downstream.Download pdf, int status)
                    when MediaType.APPLICATION_PDF.isCompatibleWith(pdf.contentType()) -> ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename("invoice-" + id + ".pdf").build().toString())
                    .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                    .body(pdf.bytes());
            case Reply.Ok<Downstream.Download> notAPdf -> throw new IllegalStateException(
                    "billing-service answered an invoice PDF with " + notAPdf.body().contentType());
            case Reply.Refused<Downstream.Download>(var problem) when problem.status() == 404 ->
                    throw new PageNotFoundException("There is no invoice " + id + " on your account.");
            case Reply.Refused<Downstream.Download>(var problem) -> ResponseEntity.status(problem.status())
                    .contentType(MediaType.TEXT_PLAIN).body(problem.message().getBytes());
            case Reply.Unavailable<Downstream.Download> down -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("The billing service is not answering; the PDF cannot be downloaded right now.".getBytes());
        };
    }
}
