package com.aifinance.billing.banktransfer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.aifinance.billing.customer.BillingCustomers;
import com.aifinance.billing.invoice.Invoice;
import com.aifinance.billing.invoice.Invoices;
import com.aifinance.billing.provider.PaymentProvider;
import com.aifinance.billing.provider.ProviderFailure;
import com.aifinance.billing.provider.ProviderName;
import com.aifinance.billing.provider.ProviderNotConfigured;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bank transfer against an invoice: "starting" a subscription issues an invoice with payment instructions; the money
 * arrives outside any API and ops record it with the bank reference ({@link BankInvoices#recordPayment}).
 */
@Component
class BankTransferProvider implements PaymentProvider {

    private final BankTransferProperties properties;
    private final Invoices invoices;
    private final BillingCustomers customers;
    private final InvoiceIssuedNotifications notifications;
    private final TransactionTemplate transactions;
    private final Clock clock;

    BankTransferProvider(BankTransferProperties properties, Invoices invoices, BillingCustomers customers,
                         InvoiceIssuedNotifications notifications, TransactionTemplate transactions, Clock clock) {
        this.properties = properties;
        this.invoices = invoices;
        this.customers = customers;
        this.notifications = notifications;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public ProviderName name() {
        return ProviderName.BANK_TRANSFER;
    }

    @Override
    public boolean configured() {
        return properties.configured();
    }

    @Override
    public boolean supportsCurrency(String currency) {
        return true;
    }

    @Override
    public ProviderCustomer createCustomer(CustomerDetails customer, String idempotencyKey) {
        requireConfigured();
        // the customer's account is ours: the user id is the reference
        return new ProviderCustomer("bt-" + customer.userId());
    }

    @Override
    public PaymentPage startSubscription(SubscriptionStart start, String idempotencyKey) {
        requireConfigured();
        Invoice invoice = transactions.execute(status -> invoices.findByProviderInvoice(ProviderName.BANK_TRANSFER.code(),
                idempotencyKey).orElseGet(() -> {
            Instant now = clock.instant();
            // the address subscription-service last told us, not the one stored when the account was opened
            String email = customers.email(start.userId()).orElse(start.email());
            Invoice issued = invoices.issueOpen(new Invoices.Draft(UUID.fromString(start.customerId()), start.userId(),
                    start.organisationId(), null, UUID.fromString(start.billingSubscriptionId()), start.plan().tier(),
                    ProviderName.BANK_TRANSFER.code(), idempotencyKey, start.plan().currency(),
                    List.of(Invoices.line(start.plan().description(), 1, start.plan().priceMinor())), 0, null, null,
                    null, null, email, properties.instructions(), now,
                    now.plus(Duration.ofDays(properties.paymentTermsDays()))));
            notifications.issued(issued);
            return issued;
        }));
        return new PaymentPage("/api/billing/invoices/" + invoice.id() + "/pdf", null, invoice.number());
    }

    @Override
    public void changePlan(PlanChange change, String idempotencyKey) {
        throw new ProviderFailure(ProviderName.BANK_TRANSFER, true, "contract_change",
                "a contract paid by bank transfer is changed by a new invoice from ops", null);
    }

    @Override
    public void cancelSubscription(String providerSubscriptionId, boolean atPeriodEnd, String idempotencyKey) {
        // nothing runs at a bank: no further invoice is issued
    }

    @Override
    public void undoCancellation(String providerSubscriptionId, String idempotencyKey) {
        // nothing was stopped at a bank: the cancellation was only ever ours
    }

    @Override
    public ProviderRefund refund(RefundOrder order, String idempotencyKey) {
        requireConfigured();
        // the money goes back by a transfer ops make; the refund id is the reference they quote
        return new ProviderRefund("manual-" + order.refundId(), false);
    }

    @Override
    public RetryOutcome retryPayment(RetryOrder order, String idempotencyKey) {
        return RetryOutcome.customerMustPay("awaiting_bank_transfer", null);
    }

    @Override
    public ProviderActivity activity(Instant from, Instant to) {
        List<ProviderMovement> paid = invoices.bankTransfers(from, to).stream()
                .filter(invoice -> "paid".equals(invoice.status()))
                .map(invoice -> new ProviderMovement(invoice.number(), invoice.totalMinor(), invoice.currency(),
                        invoice.paidAt()))
                .toList();
        return new ProviderActivity(paid, List.of(), List.of(), false);
    }

    private void requireConfigured() {
        if (!configured()) {
            throw new ProviderNotConfigured(ProviderName.BANK_TRANSFER,
                    "AIFA_BANK_BENEFICIARY and AIFA_BANK_ACCOUNT_NUMBER or AIFA_BANK_IBAN");
        }
    }
}
