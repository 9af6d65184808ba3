package com.aifinance.billing.banktransfer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import com.aifinance.billing.customer.BillingCustomer;
import com.aifinance.billing.customer.BillingCustomers;
import com.aifinance.billing.invoice.Invoice;
import com.aifinance.billing.invoice.Invoices;
import com.aifinance.billing.payment.PaymentEvents;
import com.aifinance.billing.payment.ProviderEvent;
import com.aifinance.billing.problem.BillingProblems;
import com.aifinance.billing.provider.ProviderName;
import com.aifinance.billing.provider.ProviderNotConfigured;
import com.aifinance.billing.subscription.BillingSubscriptions;
import com.aifinance.billing.subscription.ChangeCause;
import com.aifinance.billing.subscription.SubscriptionStatus;
import com.aifinance.common.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invoices paid by bank transfer: issued by ops or for contract instalments, marked paid with the bank's reference,
 * then booked. An invoice is addressed to a user, or to an organisation (its bank-transfer account in the invoice's
 * currency) when no user is named.
 */
@Component
public class BankInvoices {

    /**
     * An invoice to raise.
     *
     * @param userId            the user it is addressed to; null addresses it to {@code organisationId}
     * @param providerInvoiceId our idempotency key: an order whose key was issued before returns that invoice
     */
    public record Order(String userId, String organisationId, String billingEmail, String contractId,
                        String providerInvoiceId, String tier, String currency, List<Invoice.Line> lines,
                        int taxRateBasisPoints, String taxLabel, String customerTaxId, String billTo,
                        int paymentTermsDays) {
    }

    private final Invoices invoices;
    private final BillingCustomers customers;
    private final BillingSubscriptions subscriptions;
    private final PaymentEvents payments;
    private final InvoiceIssuedNotifications notifications;
    private final BankTransferProperties properties;
    private final BillingProblems problems;
    private final TransactionTemplate transactions;
    private final Clock clock;

    BankInvoices(Invoices invoices, BillingCustomers customers, BillingSubscriptions subscriptions,
                 PaymentEvents payments, InvoiceIssuedNotifications notifications, BankTransferProperties properties,
                 BillingProblems problems, TransactionTemplate transactions, Clock clock) {
        this.invoices = invoices;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.payments = payments;
        this.notifications = notifications;
        this.properties = properties;
        this.problems = problems;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Whether an account to pay into is configured (without one no invoice may promise it). */
    public boolean configured() {
        return properties.configured();
    }

    Invoice issue(BankInvoiceController.ContractInvoiceRequest request) {
        if (request.userId() == null && request.organisationId() == null) {
            throw ApiProblem.invalid("Name the user (userId) or the organisation (organisationId) the invoice is for.");
        }
        for (BankInvoiceController.Line line : request.lines()) {
            if (line.unitAmountMinor() <= 0 || line.quantity() <= 0) {
                throw problems.nonPositiveAmount("Line \"" + line.description() + "\" must have a positive quantity "
                        + "and unit amount.");
            }
        }
        return issue(new Order(request.userId(), request.organisationId(), request.billingEmail(),
                request.contractId(), null, request.tier(), request.currency(),
                request.lines().stream().map(line -> Invoices.line(line.description(), line.quantity(),
                        line.unitAmountMinor())).toList(),
                request.taxRateBasisPoints() != null ? request.taxRateBasisPoints() : 0, request.taxLabel(),
                request.customerTaxId(), request.billTo(),
                request.dueInDays() != null ? request.dueInDays() : properties.paymentTermsDays()));
    }

    /**
     * Issues an open invoice with the payment instructions, due {@code paymentTermsDays} after today, inside the
     * caller's transaction when there is one.
     */
    public Invoice issue(Order order) {
        if (!properties.configured()) {
            throw new ProviderNotConfigured(ProviderName.BANK_TRANSFER, "AIFA_BANK_BENEFICIARY and an account");
        }
        knownCurrency(order.currency());
        return transactions.execute(status -> {
            if (order.providerInvoiceId() != null) {
                var issued = invoices.findByProviderInvoice(ProviderName.BANK_TRANSFER.code(), order.providerInvoiceId());
                if (issued.isPresent()) {
                    return issued.get();
                }
            }
            BillingCustomer customer = order.userId() != null ? userAccount(order)
                    : customers.bankTransferAccountOf(order.organisationId(), order.billingEmail(), order.currency());
            Instant now = clock.instant();
            Invoice invoice = invoices.issueOpen(new Invoices.Draft(customer.id(), order.userId(),
                    order.organisationId(), order.contractId(), null, order.tier(), ProviderName.BANK_TRANSFER.code(),
                    order.providerInvoiceId(), order.currency(), order.lines(), order.taxRateBasisPoints(), null,
                    order.taxLabel(), order.customerTaxId(), order.billTo(), billingEmail(order, customer),
                    properties.instructions(), now, now.plus(Duration.ofDays(order.paymentTermsDays()))));
            notifications.issued(invoice);
            return invoice;
        });
    }

    /**
     * Where the invoice is sent: the address the order names (a contract's billing e-mail, or one ops gave), else for
     * a user the address subscription-service last told us ({@code billing_contacts}, which follows changes, unlike
     * the one stored with the account when it was opened), else the account's.
     */
    private String billingEmail(Order order, BillingCustomer customer) {
        if (order.billingEmail() != null) {
            return order.billingEmail();
        }
        if (order.userId() != null) {
            return customers.email(order.userId()).orElse(customer.email());
        }
        return customer.email();
    }

    /** A user's bank-transfer account; a user pays in one currency across providers. */
    private BillingCustomer userAccount(Order order) {
        customers.forUser(order.userId()).stream().filter(other -> !other.currency().equals(order.currency()))
                .findFirst().ifPresent(other -> {
                    throw problems.currencyMismatch("Customer " + order.userId() + " pays in " + other.currency()
                            + "; the invoice is in " + order.currency() + ".");
                });
        return customers.findForUser(order.userId(), ProviderName.BANK_TRANSFER)
                .orElseGet(() -> customers.save(order.userId(), order.organisationId(), order.billingEmail(),
                        ProviderName.BANK_TRANSFER, "bt-" + order.userId(), order.currency()));
    }

    /** The transfer arrived: the invoice is paid, the ledger charged and the events published, all or nothing. */
    Invoice recordPayment(java.util.UUID invoiceId, BankInvoiceController.BankPaymentRequest request) {
        if (request.amountMinor() <= 0) {
            throw problems.nonPositiveAmount("A received amount must be positive.");
        }
        knownCurrency(request.currency());
        Instant receivedAt = request.receivedAt() != null ? request.receivedAt() : clock.instant();
        return transactions.execute(status -> {
            Invoice invoice = invoices.lock(invoiceId).filter(found -> "bank_transfer".equals(found.provider()))
                    .orElseThrow(() -> ApiProblem.notFound("Bank-transfer invoice " + invoiceId));
            if (!"open".equals(invoice.status())) {
                throw problems.invalidState("Invoice " + invoice.number() + " is " + invoice.status() + ".");
            }
            if (!invoice.currency().equals(request.currency())) {
                throw problems.currencyMismatch("Invoice " + invoice.number() + " is in " + invoice.currency()
                        + "; the transfer was recorded in " + request.currency() + ".");
            }
            if (invoice.totalMinor() != request.amountMinor()) {
                throw problems.refuse("amount_mismatch", HttpStatus.UNPROCESSABLE_CONTENT, BillingProblems.INVALID_STATE,
                        "Amount does not settle the invoice", "Invoice " + invoice.number() + " is for "
                                + invoice.totalMinor() + " minor units; " + request.amountMinor() + " were recorded. "
                                + "Part payments are not booked: contact the customer or issue a corrected invoice.");
            }
            BillingCustomer customer = customers.find(invoice.customerId()).orElseThrow();
            invoices.markPaid(invoice.id(), request.bankReference(), receivedAt);
            payments.apply(new ProviderEvent.PaymentSucceeded(ProviderName.BANK_TRANSFER, invoice.number(),
                    customer.providerCustomerId(), null,
                    invoice.subscriptionId() == null ? null : invoice.subscriptionId().toString(),
                    invoice.id().toString(), invoice.totalMinor(), invoice.currency(), invoice.taxMinor(), 0, receivedAt,
                    "Bank transfer " + request.bankReference() + " for " + invoice.number(), invoice.tier(), null,
                    null));
            if (invoice.subscriptionId() != null) {
                subscriptions.applyStatus(invoice.subscriptionId(), SubscriptionStatus.ACTIVE, receivedAt, null, null,
                        ChangeCause.PAYMENT);
            }
            return invoices.find(invoice.id()).orElseThrow();
        });
    }

    List<Invoice> open(Instant until) {
        return invoices.bankTransfers(Instant.EPOCH, until).stream().filter(invoice -> "open".equals(invoice.status()))
                .toList();
    }

    private void knownCurrency(String currency) {
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblem.invalid("Unknown currency " + currency);
        }
    }
}
