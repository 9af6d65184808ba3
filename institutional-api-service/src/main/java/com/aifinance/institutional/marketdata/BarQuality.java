package com.aifinance.institutional.marketdata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps corrupt data out: a bar with a defect is rejected, a bar delivered twice with the same values is kept once,
 * and a bar delivered twice with different values is rejected entirely (we cannot tell which one is right). Gaps are
 * not filled: they split a series into contiguous segments, and nothing is computed across a gap.
 */
public final class BarQuality {

    private BarQuality() {
    }

    /** A bar left out, and why. */
    public record Rejection(Instant time, String reason) {
    }

    public record Cleaned(List<Bar> bars, List<Rejection> rejections) {
    }

    /** Sound bars in time order, each timestamp once, and the rejected ones with their reasons. */
    public static Cleaned clean(List<Bar> raw) {
        List<Rejection> rejections = new ArrayList<>();
        Map<Instant, Bar> byTime = new LinkedHashMap<>();
        Map<Instant, Boolean> conflicting = new LinkedHashMap<>();
        for (Bar bar : raw) {
            var defect = bar.defect();
            if (defect.isPresent()) {
                rejections.add(new Rejection(bar.time(), defect.get()));
                continue;
            }
            Bar seen = byTime.putIfAbsent(bar.time(), bar);
            if (seen != null && !seen.sameValues(bar)) {
                conflicting.put(bar.time(), true);
            }
        }
        conflicting.keySet().forEach(time -> {
            byTime.remove(time);
            rejections.add(new Rejection(time, "duplicated with different values"));
        });
        List<Bar> bars = new ArrayList<>(byTime.values());
        bars.sort(Comparator.comparing(Bar::time));
        return new Cleaned(List.copyOf(bars), List.copyOf(rejections));
    }

    /** The bars (in time order) split wherever data is missing, per the instrument's calendar. */
    public static List<List<Bar>> contiguousSegments(List<Bar> bars, BarInterval interval, TradingCalendar calendar) {
        List<List<Bar>> segments = new ArrayList<>();
        List<Bar> current = new ArrayList<>();
        for (Bar bar : bars) {
            if (!current.isEmpty() && !calendar.contiguous(current.getLast().time(), bar.time(), interval)) {
                segments.add(List.copyOf(current));
                current = new ArrayList<>();
            }
            current.add(bar);
        }
        if (!current.isEmpty()) {
            segments.add(List.copyOf(current));
        }
        return segments;
    }

    /** The trailing run of bars with no gap: the only data a signal may be computed on. */
    public static List<Bar> latestContiguousRun(List<Bar> bars, BarInterval interval, TradingCalendar calendar) {
        int start = bars.size() - 1;
        while (start > 0 && calendar.contiguous(bars.get(start - 1).time(), bars.get(start).time(), interval)) {
            start--;
        }
        return bars.isEmpty() ? List.of() : List.copyOf(bars.subList(start, bars.size()));
    }
}
