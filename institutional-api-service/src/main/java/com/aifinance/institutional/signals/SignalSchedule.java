package com.aifinance.institutional.signals;

import com.aifinance.institutional.marketdata.AssetClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Generation per asset class and resolution, each on its own schedule ({@code aifa.signals.*-interval}). */
@Component
@ConditionalOnProperty(prefix = "aifa.jobs", name = "enabled", matchIfMissing = true)
class SignalSchedule {

    private final SignalGenerator generator;
    private final SignalResolver resolver;

    SignalSchedule(SignalGenerator generator, SignalResolver resolver) {
        this.generator = generator;
        this.resolver = resolver;
    }

    @Scheduled(fixedDelayString = "${aifa.signals.stock-interval:60s}", initialDelayString = "30s")
    void stocks() {
        generator.generate(AssetClass.STOCK);
    }

    @Scheduled(fixedDelayString = "${aifa.signals.crypto-interval:60s}", initialDelayString = "35s")
    void crypto() {
        generator.generate(AssetClass.CRYPTO);
    }

    @Scheduled(fixedDelayString = "${aifa.signals.forex-interval:60s}", initialDelayString = "40s")
    void forex() {
        generator.generate(AssetClass.FOREX);
    }

    @Scheduled(fixedDelayString = "${aifa.signals.resolve-interval:20s}", initialDelayString = "20s")
    void resolve() {
        resolver.resolveOpen();
    }
}
