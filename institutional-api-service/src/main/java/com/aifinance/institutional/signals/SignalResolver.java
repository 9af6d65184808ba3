package com.aifinance.institutional.signals;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.institutional.marketdata.Bar;
import com.aifinance.institutional.marketdata.BarInterval;
import com.aifinance.institutional.marketdata.BarStore;
import com.aifinance.institutional.trading.TripleBarrier;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resolves open signals against the bars after their entry, by the same triple-barrier rule the model was trained
 * with, and publishes {@code signal.resolved}. When the data stops and the horizon has passed by the clock, the signal
 * is closed at the horizon at the last known close (the entry when no bar followed).
 */
@Component
public class SignalResolver {

    private static final Logger log = LoggerFactory.getLogger(SignalResolver.class);

    private final SignalStore store;
    private final BarStore bars;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;

    SignalResolver(SignalStore store, BarStore bars, Outbox outbox, TransactionTemplate transactions,
                   MeterRegistry meters, Clock clock) {
        this.store = store;
        this.bars = bars;
        this.outbox = outbox;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
    }

    /** Resolves every open signal that has reached a barrier; returns those resolved. */
    public List<Signal> resolveOpen() {
        List<Signal> resolved = new ArrayList<>();
        for (Signal signal : store.open()) {
            try {
                resolve(signal).ifPresent(resolved::add);
            } catch (RuntimeException e) {
                log.error("Resolving signal {} failed", signal.id(), e);
            }
        }
        return resolved;
    }

    private Optional<Signal> resolve(Signal signal) {
        BarInterval interval = BarInterval.of(signal.barInterval());
        List<Bar> following = bars.after(signal.symbol(), interval, signal.basisBarAt(), signal.horizonBars());
        Optional<TripleBarrier.Resolution> resolution = TripleBarrier.resolve(signal.direction(), signal.entry(),
                signal.target(), signal.stop(), following, signal.horizonBars());
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (resolution.isEmpty() && now.isAfter(signal.expiresAt().plus(interval.duration().multipliedBy(2)))) {
            Bar last = following.isEmpty() ? null : following.getLast();
            resolution = Optional.of(TripleBarrier.closeAtHorizon(signal.direction(), signal.entry(),
                    last == null ? signal.entry() : last.close(), last == null ? signal.expiresAt() : last.time(),
                    following.size()));
        }
        if (resolution.isEmpty()) {
            return Optional.empty();
        }
        TripleBarrier.Resolution result = resolution.get();
        Signal done = new Signal(signal.id(), signal.symbol(), signal.assetClass(), signal.direction(), signal.entry(),
                signal.target(), signal.stop(), signal.horizon(), signal.horizonBars(), signal.barInterval(),
                signal.basisBarAt(), signal.expiresAt(), signal.confidence(), signal.modelVersion(),
                signal.generatedAt(), signal.simulated(), Signal.RESOLVED, result.outcome(), result.exitPrice(),
                result.exitTime(), result.returnPct(), now);
        Boolean changed = transactions.execute(status -> {
            if (!store.resolve(signal.id(), result, now)) {
                return false;
            }
            outbox.publish(EventStreams.SIGNAL, SignalEvents.RESOLVED, signal.id().toString(),
                    SignalEvents.Resolved.of(done));
            return true;
        });
        if (!Boolean.TRUE.equals(changed)) {
            return Optional.empty();
        }
        meters.counter("signals_resolved_total", "asset_class", signal.assetClass().code(),
                "outcome", result.outcome().code(), "simulated", String.valueOf(signal.simulated())).increment();
        return Optional.of(done);
    }
}
