package com.aifinance.institutional.model;

import java.time.Instant;

import com.aifinance.institutional.trading.Barriers;
import com.aifinance.institutional.trading.Direction;
import com.aifinance.institutional.trading.TripleBarrier;

/**
 * One labelled example: the features at a bar's close, and how a long and a short trade entered there ended by the
 * triple-barrier rule. The label is {@code UP} when the long reached its target first, {@code DOWN} when the short
 * did, {@code FLAT} otherwise.
 *
 * @param labelEnd the start of the last bar the label looked at: training data must end before test data begins
 */
public record Sample(String symbol, Instant time, double[] features, String label, Barriers longBarriers,
                     TripleBarrier.Resolution longResolution, Barriers shortBarriers,
                     TripleBarrier.Resolution shortResolution, Instant labelEnd) {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";
    public static final String FLAT = "FLAT";

    public Barriers barriers(Direction direction) {
        return direction == Direction.LONG ? longBarriers : shortBarriers;
    }

    public TripleBarrier.Resolution resolution(Direction direction) {
        return direction == Direction.LONG ? longResolution : shortResolution;
    }
}
