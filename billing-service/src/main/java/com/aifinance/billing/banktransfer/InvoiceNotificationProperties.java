package com.aifinance.billing.banktransfer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the links in billing's e-mails point ({@code aifa.billing.notifications.*}): the platform's public address,
 * the gateway, which routes {@code /api/billing/**} to billing.
 */
@ConfigurationProperties("aifa.billing.notifications")
public record InvoiceNotificationProperties(@DefaultValue("http://localhost:8080") String publicUrl) {

    /** The invoice's PDF through the gateway ({@code GET /api/billing/invoices/{id}/pdf}). */
    String invoicePdfUrl(java.util.UUID invoiceId) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + "/api/billing/invoices/" + invoiceId + "/pdf";
    }
}
