package com.aifinance.institutional.marketdata;

import java.math.BigDecimal;

import tools.jackson.databind.JsonNode;

/** Reads vendor numbers, which arrive as JSON numbers or as decimal strings; anything else is "missing". */
final class Decimals {

    private Decimals() {
    }

    /** The value, or null when absent, null or not a number (the bar is then rejected as incomplete). */
    static BigDecimal of(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            return value.stripTrailingZeros();
        }
        if (node.isString()) {
            try {
                return new BigDecimal(node.asString().trim()).stripTrailingZeros();
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
