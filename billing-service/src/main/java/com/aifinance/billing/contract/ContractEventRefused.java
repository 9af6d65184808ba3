package com.aifinance.billing.contract;

/**
 * A contract event billing cannot invoice as it is (missing fields, instalments that do not add up, terms that
 * contradict what the same contract said before). Thrown from the consumer, it rolls back everything the event did;
 * after the backbone's retries the entry lands on {@code aifa.enterprise.dlq} with this message as the reason.
 */
class ContractEventRefused extends RuntimeException {

    private final String reason;

    ContractEventRefused(String reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
