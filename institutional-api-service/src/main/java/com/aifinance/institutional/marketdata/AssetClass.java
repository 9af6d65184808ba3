package com.aifinance.institutional.marketdata;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What kind of market an instrument trades in; the code is what the API, the events and the database carry. */
public enum AssetClass {
    STOCK("stock"), CRYPTO("crypto"), FOREX("forex");

    private final String code;

    AssetClass(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<AssetClass> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String normalised = code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(value -> value.code.equals(normalised)).findFirst();
    }

    public static AssetClass of(String code) {
        return parse(code).orElseThrow(() -> new IllegalArgumentException("unknown asset class " + code));
    }
}
