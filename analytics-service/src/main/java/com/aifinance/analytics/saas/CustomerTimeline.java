package com.aifinance.analytics.saas;

import java.util.Arrays;

/**
 * One customer's MRR replayed over a list of boundaries (month starts): after {@link #replay}, the per-currency MRR
 * in force at each boundary (everything that happened strictly before it), the customer's tier there, and when the
 * customer first paid. Reused from customer to customer so a run over many customers allocates almost nothing.
 */
final class CustomerTimeline {

    private final long[] boundaries;
    private final int currencyCount;
    /** MRR per boundary and currency: {@code mrr[boundary * currencyCount + currency]}. */
    final long[] mrr;
    final int[] tierAt;
    final boolean[] payingAt;
    /** MRR per currency right after the customer first paid. */
    final long[] firstPaidMrr;
    long firstPaidAtMicros;

    private int[] slotStream = new int[8];
    private long[] slotMrr = new long[8];
    private int[] slotCurrency = new int[8];
    private int[] slotTier = new int[8];
    private int slots;
    private final long[] current;

    CustomerTimeline(long[] boundaries, int currencyCount) {
        this.boundaries = boundaries;
        this.currencyCount = currencyCount;
        this.mrr = new long[boundaries.length * currencyCount];
        this.tierAt = new int[boundaries.length];
        this.payingAt = new boolean[boundaries.length];
        this.firstPaidMrr = new long[currencyCount];
        this.current = new long[currencyCount];
    }

    void replay(MrrChange[] changes) {
        slots = 0;
        Arrays.fill(current, 0);
        Arrays.fill(firstPaidMrr, 0);
        firstPaidAtMicros = Long.MIN_VALUE;
        int boundary = 0;
        for (int i = 0; i < changes.length; i++) {
            MrrChange change = changes[i];
            while (boundary < boundaries.length && boundaries[boundary] <= change.atMicros()) {
                snapshot(boundary++);
            }
            apply(change);
            boolean lastOfInstant = i + 1 == changes.length || changes[i + 1].atMicros() != change.atMicros();
            if (lastOfInstant && firstPaidAtMicros == Long.MIN_VALUE && paying()) {
                firstPaidAtMicros = change.atMicros();
                System.arraycopy(current, 0, firstPaidMrr, 0, currencyCount);
            }
        }
        while (boundary < boundaries.length) {
            snapshot(boundary++);
        }
    }

    boolean everPaid() {
        return firstPaidAtMicros != Long.MIN_VALUE;
    }

    private void apply(MrrChange change) {
        int slot = slotOf(change.stream());
        current[slotCurrency[slot]] -= slotMrr[slot];
        slotMrr[slot] = change.mrrMinor();
        slotCurrency[slot] = change.currency();
        slotTier[slot] = change.tier();
        current[change.currency()] += change.mrrMinor();
    }

    private int slotOf(int stream) {
        for (int slot = 0; slot < slots; slot++) {
            if (slotStream[slot] == stream) {
                return slot;
            }
        }
        if (slots == slotStream.length) {
            slotStream = Arrays.copyOf(slotStream, slots * 2);
            slotMrr = Arrays.copyOf(slotMrr, slots * 2);
            slotCurrency = Arrays.copyOf(slotCurrency, slots * 2);
            slotTier = Arrays.copyOf(slotTier, slots * 2);
        }
        slotStream[slots] = stream;
        slotMrr[slots] = 0;
        slotCurrency[slots] = 0;
        return slots++;
    }

    private boolean paying() {
        for (long value : current) {
            if (value > 0) {
                return true;
            }
        }
        return false;
    }

    private void snapshot(int boundary) {
        System.arraycopy(current, 0, mrr, boundary * currencyCount, currencyCount);
        payingAt[boundary] = paying();
        int tier = -1;
        long largest = 0;
        for (int slot = 0; slot < slots; slot++) {
            if (slotMrr[slot] > largest) {
                largest = slotMrr[slot];
                tier = slotTier[slot];
            }
        }
        tierAt[boundary] = tier;
    }
}
