package com.aifinance.dashboard.analytics;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.Downstream.Service;
import com.aifinance.dashboard.platform.Money;
import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.Panel;
import com.aifinance.dashboard.platform.Reply;
import com.aifinance.dashboard.platform.Users;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * Revenue and SaaS metrics for ops (analytics-service): MRR now, MRR movements with churn, ARPA and LTV, revenue
 * by tier, and cohorts. The company's revenue is not for subscribers' eyes.
 */
@PageController
class AnalyticsController {

    static final Set<String> CURRENCIES = Set.of("USD", "INR");

    private final Downstream downstream;
    private final Users users;
    private final JsonMapper json;
    private final Clock clock;

    AnalyticsController(Downstream downstream, Users users, JsonMapper json, Clock clock) {
        this.downstream = downstream;
        this.users = users;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/analytics")
    String page(@RequestParam(defaultValue = "USD") String currency, @RequestParam(defaultValue = "12") int months,
                Model model) {
        ops();
        model.addAttribute("currency", CURRENCIES.contains(currency) ? currency : "USD");
        model.addAttribute("months", months == 6 || months == 24 ? months : 12);
        model.addAttribute("section", "analytics");
        return "analytics/analytics";
    }

    @GetMapping("/analytics/panels/current")
    String current(@RequestParam(defaultValue = "USD") String currency, Model model) {
        ops();
        Reply<AnalyticsViews.CurrentMrr> reply = downstream.get(Service.ANALYTICS, AnalyticsViews.CurrentMrr.class,
                "/api/analytics/mrr/current?currency={c}", currency(currency));
        model.addAttribute("panel", reply.toPanel(now -> now.payingCustomers() == 0 && now.mrrMinor() == 0));
        return "analytics/analytics :: current-panel";
    }

    @GetMapping("/analytics/panels/mrr")
    String mrr(@RequestParam(defaultValue = "USD") String currency, @RequestParam(defaultValue = "12") int months,
               Model model) {
        ops();
        YearMonth to = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        YearMonth from = to.minusMonths(span(months) - 1L);
        Reply<AnalyticsViews.MrrReport> reply = downstream.get(Service.ANALYTICS, AnalyticsViews.MrrReport.class,
                "/api/analytics/mrr?from={from}&to={to}&currency={c}", from, to, currency(currency));
        Panel<AnalyticsViews.MrrReport> panel = reply.toPanel(AnalyticsViews.MrrReport::isEmpty);
        model.addAttribute("panel", panel);
        if (panel.isReady()) {
            model.addAttribute("chartData", mrrChart(panel.value()));
            model.addAttribute("churnChartData", churnChart(panel.value()));
        }
        return "analytics/analytics :: mrr-panel";
    }

    @GetMapping("/analytics/panels/revenue")
    String revenue(@RequestParam(defaultValue = "USD") String currency, @RequestParam(defaultValue = "12") int months,
                   Model model) {
        ops();
        YearMonth to = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        YearMonth from = to.minusMonths(span(months) - 1L);
        java.time.LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        Reply<AnalyticsViews.RevenueReport> reply = downstream.get(Service.ANALYTICS,
                AnalyticsViews.RevenueReport.class, "/api/analytics/revenue?from={from}&to={to}&currency={c}",
                from.atDay(1), today, currency(currency));
        Panel<AnalyticsViews.RevenueReport> panel = reply.toPanel(report -> report.lines() == null
                || report.lines().isEmpty());
        model.addAttribute("panel", panel);
        if (panel.isReady()) {
            model.addAttribute("chartData", revenueChart(panel.value()));
            model.addAttribute("byTier", revenueByTier(panel.value()));
        }
        return "analytics/analytics :: revenue-panel";
    }

    @GetMapping("/analytics/panels/cohorts")
    String cohorts(@RequestParam(defaultValue = "USD") String currency, @RequestParam(defaultValue = "12") int months,
                   Model model) {
        ops();
        YearMonth to = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        YearMonth from = to.minusMonths(span(months) - 1L);
        Reply<AnalyticsViews.CohortReport> reply = downstream.get(Service.ANALYTICS, AnalyticsViews.CohortReport.class,
                "/api/analytics/cohorts?from={from}&to={to}&currency={c}", from, to, currency(currency));
        model.addAttribute("panel", reply.toPanel(report -> report.cohorts() == null || report.cohorts().isEmpty()));
        return "analytics/analytics :: cohorts-panel";
    }

    private void ops() {
        if (!users.current().isOps()) {
            throw new AccessDeniedException("Revenue and SaaS metrics are for the operations team.");
        }
    }

    private static int span(int months) {
        return months == 6 || months == 24 ? months : 12;
    }

    private static String currency(String currency) {
        return CURRENCIES.contains(currency) ? currency : "USD";
    }

    private String mrrChart(AnalyticsViews.MrrReport report) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", "mrr");
        data.put("currency", report.currency());
        data.put("labels", report.months().stream().map(m -> m.month().toString()).toList());
        data.put("new", major(report, AnalyticsViews.MrrMonth::newMrrMinor, 1));
        data.put("expansion", major(report, AnalyticsViews.MrrMonth::expansionMrrMinor, 1));
        data.put("reactivation", major(report, AnalyticsViews.MrrMonth::reactivationMrrMinor, 1));
        data.put("contraction", major(report, AnalyticsViews.MrrMonth::contractionMrrMinor, -1));
        data.put("churned", major(report, AnalyticsViews.MrrMonth::churnedMrrMinor, -1));
        data.put("closing", major(report, AnalyticsViews.MrrMonth::closingMrrMinor, 1));
        return json.writeValueAsString(data);
    }

    private String churnChart(AnalyticsViews.MrrReport report) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", "churn");
        data.put("labels", report.months().stream().map(m -> m.month().toString()).toList());
        data.put("customerChurn", report.months().stream().map(AnalyticsViews.MrrMonth::customerChurnRatePct).toList());
        data.put("netMrrChurn", report.months().stream().map(AnalyticsViews.MrrMonth::netMrrChurnRatePct).toList());
        return json.writeValueAsString(data);
    }

    private static List<String> major(AnalyticsViews.MrrReport report,
                                      java.util.function.ToLongFunction<AnalyticsViews.MrrMonth> field, int sign) {
        return report.months().stream().map(m -> Money.major(sign * field.applyAsLong(m), report.currency())).toList();
    }

    private String revenueChart(AnalyticsViews.RevenueReport report) {
        TreeSet<String> months = new TreeSet<>();
        Map<String, Map<String, Long>> byTier = new TreeMap<>();
        for (AnalyticsViews.RevenueLine line : report.lines()) {
            months.add(line.month().toString());
            byTier.computeIfAbsent(line.tier(), tier -> new TreeMap<>())
                    .merge(line.month().toString(), line.netConvertedMinor(), Long::sum);
        }
        List<Map<String, Object>> series = new ArrayList<>();
        byTier.forEach((tier, values) -> series.add(Map.of("label", tier, "data",
                months.stream().map(month -> Money.major(values.getOrDefault(month, 0L), report.currency())).toList())));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", "revenue");
        data.put("currency", report.currency());
        data.put("labels", List.copyOf(months));
        data.put("series", series);
        return json.writeValueAsString(data);
    }

    /** Net revenue per tier over the range, in the report currency. */
    private static Map<String, Long> revenueByTier(AnalyticsViews.RevenueReport report) {
        Map<String, Long> totals = new TreeMap<>();
        report.lines().forEach(line -> totals.merge(line.tier(), line.netConvertedMinor(), Long::sum));
        return totals;
    }
}
