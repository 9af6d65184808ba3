package com.aifinance.billing.ledger;

import java.util.Locale;

public enum LedgerEntryType {
    CHARGE, REFUND, FEE, ADJUSTMENT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static LedgerEntryType fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
