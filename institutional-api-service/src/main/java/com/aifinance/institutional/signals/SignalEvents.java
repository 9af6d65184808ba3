package com.aifinance.institutional.signals;

/** The {@code aifa.signal} event payloads (docs/contracts.md); decimals travel as strings. */
final class SignalEvents {

    static final String PUBLISHED = "signal.published";
    static final String RESOLVED = "signal.resolved";

    private SignalEvents() {
    }

    record Published(String signalId, String symbol, String assetClass, String direction, String entry, String target,
                     String stop, String horizon, double confidence, String modelVersion, String generatedAt,
                     boolean simulated) {

        static Published of(Signal signal) {
            return new Published(signal.id().toString(), signal.symbol(), signal.assetClass().code(),
                    signal.direction().code(), signal.entry().toPlainString(), signal.target().toPlainString(),
                    signal.stop().toPlainString(), signal.horizon().toString(), signal.confidence().doubleValue(),
                    signal.modelVersion(), signal.generatedAt().toString(), signal.simulated());
        }
    }

    record Resolved(String signalId, String symbol, String assetClass, String outcome, String exitPrice,
                    String returnPct, String modelVersion, String resolvedAt, boolean simulated, String mode) {

        static Resolved of(Signal signal) {
            return new Resolved(signal.id().toString(), signal.symbol(), signal.assetClass().code(),
                    signal.outcome().code(), signal.exitPrice().toPlainString(), signal.returnPct().toPlainString(),
                    signal.modelVersion(), signal.resolvedAt().toString(), signal.simulated(), "live");
        }
    }
}
