package com.aifinance.institutional.accuracy;

import java.math.BigDecimal;
import java.util.List;

import com.aifinance.institutional.trading.Outcome;

/**
 * What a list of resolved trades (in resolution order) says. Accuracy is the target-first share; a trade closed at
 * the horizon counts in the sample but not as a hit. Every ratio comes with its sample size; with no trades the
 * ratios are null, never zero.
 *
 * @param accuracy       target-first / resolved
 * @param winRate        trades with a positive return / resolved
 * @param profitFactor   sum of gains / sum of losses (null when there was no loss)
 * @param expectancyPct  mean return per trade, in percent of the entry
 * @param maxDrawdownPct the largest fall of the compounded equity curve from its peak, in percent
 */
public record TradeStatistics(int sampleSize, int targetFirst, int stopFirst, int horizon, Double accuracy,
                              WilsonInterval accuracyInterval, Double winRate, Double profitFactor,
                              Double expectancyPct, Double maxDrawdownPct) {

    /** One resolved trade. */
    public record Trade(Outcome outcome, BigDecimal returnPct) {
    }

    public static TradeStatistics of(List<Trade> trades) {
        int n = trades.size();
        int target = 0;
        int stop = 0;
        int horizon = 0;
        int wins = 0;
        double gains = 0;
        double losses = 0;
        double sum = 0;
        double equity = 1;
        double peak = 1;
        double drawdown = 0;
        for (Trade trade : trades) {
            switch (trade.outcome()) {
                case TARGET_FIRST -> target++;
                case STOP_FIRST -> stop++;
                case HORIZON -> horizon++;
            }
            double r = trade.returnPct().doubleValue();
            sum += r;
            if (r > 0) {
                wins++;
                gains += r;
            } else if (r < 0) {
                losses -= r;
            }
            equity *= 1 + r / 100.0;
            peak = Math.max(peak, equity);
            drawdown = Math.max(drawdown, (peak - equity) / peak);
        }
        if (n == 0) {
            return new TradeStatistics(0, 0, 0, 0, null, null, null, null, null, null);
        }
        return new TradeStatistics(n, target, stop, horizon, (double) target / n, WilsonInterval.of(target, n),
                (double) wins / n, losses > 0 ? gains / losses : null, sum / n, drawdown * 100);
    }
}
