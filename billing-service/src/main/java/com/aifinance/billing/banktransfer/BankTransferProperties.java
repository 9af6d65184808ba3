package com.aifinance.billing.banktransfer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The account enterprise and institutional customers pay into ({@code aifa.billing.bank-transfer.*}). Without a
 * beneficiary and an account number or IBAN, bank transfer is not configured and no invoice promises an account.
 */
@ConfigurationProperties("aifa.billing.bank-transfer")
public record BankTransferProperties(
        String beneficiary,
        String bankName,
        String accountNumber,
        String iban,
        String swift,
        String ifsc,
        @DefaultValue("30") int paymentTermsDays) {

    boolean configured() {
        return present(beneficiary) && (present(accountNumber) || present(iban));
    }

    /** The instructions printed on an invoice. */
    String instructions() {
        StringBuilder text = new StringBuilder("Pay by bank transfer to ").append(beneficiary);
        if (present(bankName)) {
            text.append(", ").append(bankName);
        }
        text.append('\n');
        if (present(accountNumber)) {
            text.append("Account number: ").append(accountNumber).append('\n');
        }
        if (present(iban)) {
            text.append("IBAN: ").append(iban).append('\n');
        }
        if (present(swift)) {
            text.append("SWIFT/BIC: ").append(swift).append('\n');
        }
        if (present(ifsc)) {
            text.append("IFSC: ").append(ifsc).append('\n');
        }
        return text.append("Quote the invoice number as the payment reference.").toString();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
