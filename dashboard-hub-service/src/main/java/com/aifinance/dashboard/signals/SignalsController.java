package com.aifinance.dashboard.signals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.aifinance.dashboard.layout.PageNotFoundException;
import com.aifinance.dashboard.platform.CurrentUser;
import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.Downstream.Service;
import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.Panel;
import com.aifinance.dashboard.platform.Reply;
import com.aifinance.dashboard.platform.Users;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signals: the list (with the live feed), one signal with its price chart and outcome, and accuracy (live and
 * backtest apart, every figure with its sample size and interval). The /v1 API applies the plan (asset classes,
 * Basic delay) to everything it returns.
 */
@PageController
class SignalsController {

    static final Set<String> ASSET_CLASSES = Set.of("stock", "crypto", "forex");
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{36}");

    private final Downstream downstream;
    private final Users users;
    private final SignalFeed feed;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration basicDelay;

    SignalsController(Downstream downstream, Users users, SignalFeed feed, JsonMapper json, Clock clock,
                      @Value("${aifa.signals.basic-delay:15m}") Duration basicDelay) {
        this.downstream = downstream;
        this.users = users;
        this.feed = feed;
        this.json = json;
        this.clock = clock;
        this.basicDelay = basicDelay;
    }

    @GetMapping("/signals")
    String list(@RequestParam(required = false) String assetClass, Model model) {
        CurrentUser user = users.current();
        model.addAttribute("assetClass", validAssetClass(assetClass));
        model.addAttribute("filterError", assetClass != null && !assetClass.isBlank()
                && validAssetClass(assetClass) == null ? "Choose stock, crypto or forex." : null);
        model.addAttribute("planNote", planNote(user));
        model.addAttribute("section", "signals");
        return "signals/list";
    }

    @GetMapping("/signals/panels/list")
    String listPanel(@RequestParam(required = false) String assetClass, @RequestParam(required = false) String cursor,
                     @RequestParam(defaultValue = "25") int limit, Model model) {
        String filter = validAssetClass(assetClass);
        int size = Math.max(1, Math.min(limit, 100));
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/v1/signals").queryParam("limit", size);
        if (filter != null) {
            uri.queryParam("assetClass", filter);
        }
        if (cursor != null && CURSOR.matcher(cursor).matches()) {
            uri.queryParam("cursor", cursor);
        }
        Reply<SignalViews.SignalPage> reply = downstream.get(Service.INSTITUTIONAL_API, SignalViews.SignalPage.class,
                uri.build().toUriString());
        model.addAttribute("panel", reply.toPanel(page -> page.data() == null || page.data().isEmpty()));
        model.addAttribute("assetClass", filter);
        model.addAttribute("planNote", planNote(users.current()));
        return "signals/list :: list-panel";
    }

    /** The recent signals panel of the overview page. */
    @GetMapping("/signals/panels/latest")
    String latestPanel(Model model) {
        Reply<SignalViews.SignalPage> reply = downstream.get(Service.INSTITUTIONAL_API, SignalViews.SignalPage.class,
                "/v1/signals?limit=5");
        model.addAttribute("panel", reply.toPanel(page -> page.data() == null || page.data().isEmpty()));
        return "signals/list :: latest-panel";
    }

    @GetMapping(path = "/signals/stream", produces = "text/event-stream")
    SseEmitter stream() {
        CurrentUser user = users.current();
        Reply<SignalViews.Entitlement> entitlement = downstream.get(Service.SUBSCRIPTION,
                SignalViews.Entitlement.class, "/api/subscriptions/entitlements/{subject}", user.subject());
        Set<String> classes;
        Duration delay;
        if (entitlement.body() instanceof SignalViews.Entitlement granted && granted.signalAssetClasses() != null) {
            classes = Set.copyOf(granted.signalAssetClasses());
            delay = granted.signalDelay() == null ? Duration.ZERO : Duration.parse(granted.signalDelay());
        } else {
            // subscription-service unreachable: the plan's defaults from the token (docs/contracts.md)
            classes = switch (user.tier()) {
                case "basic" -> Set.of("stock");
                case "pro", "enterprise", "institutional" -> ASSET_CLASSES;
                default -> Set.of();
            };
            delay = "basic".equals(user.tier()) ? basicDelay : Duration.ZERO;
        }
        return feed.connect(user.subject(), classes, delay);
    }

    @GetMapping("/signals/{id}")
    String detail(@PathVariable String id, Model model) {
        if (!ID.matcher(id).matches()) {
            throw new PageNotFoundException("There is no signal " + id + ".");
        }
        model.addAttribute("signalId", id);
        model.addAttribute("section", "signals");
        return "signals/detail";
    }

    @GetMapping("/signals/{id}/panels/detail")
    String detailPanel(@PathVariable String id, Model model) {
        if (!ID.matcher(id).matches()) {
            model.addAttribute("panel", Panel.notFound("There is no signal " + id + "."));
            return "signals/detail :: detail-panel";
        }
        Reply<SignalViews.Signal> reply = downstream.get(Service.INSTITUTIONAL_API, SignalViews.Signal.class,
                "/v1/signals/{id}", id);
        Panel<SignalViews.Signal> panel = reply.toPanel();
        model.addAttribute("panel", panel);
        if (panel.isReady()) {
            SignalViews.Signal signal = panel.value();
            Duration horizon = horizonOf(signal);
            Instant from = signal.generatedAt().minus(horizon.multipliedBy(3));
            Instant end = signal.resolvedAt() != null ? signal.resolvedAt() : signal.generatedAt().plus(horizon);
            Instant to = end.plus(horizon).isAfter(clock.instant()) ? clock.instant() : end.plus(horizon);
            if (!to.isAfter(from)) {
                to = from.plusSeconds(60);
            }
            Reply<SignalViews.Bars> bars = downstream.get(Service.INSTITUTIONAL_API, SignalViews.Bars.class,
                    "/v1/market-data/{symbol}/bars?from={from}&to={to}", signal.symbol(), from, to);
            Panel<SignalViews.Bars> chart = bars.toPanel(found -> found.bars() == null || found.bars().isEmpty());
            model.addAttribute("chart", chart);
            if (chart.isReady()) {
                model.addAttribute("chartData", chartData(signal, chart.value()));
            }
        }
        return "signals/detail :: detail-panel";
    }

    @GetMapping("/accuracy")
    String accuracy(Model model) {
        model.addAttribute("advanced", users.current().hasProFeatures());
        model.addAttribute("section", "accuracy");
        return "signals/accuracy";
    }

    @GetMapping("/accuracy/panels/model")
    String accuracyPanel(@RequestParam(required = false) String assetClass, Model model) {
        String filter = validAssetClass(assetClass);
        String uri = filter == null ? "/v1/accuracy" : "/v1/accuracy?assetClass=" + filter;
        Reply<SignalViews.Accuracy> reply = downstream.get(Service.INSTITUTIONAL_API, SignalViews.Accuracy.class, uri);
        model.addAttribute("panel", reply.toPanel(SignalViews.Accuracy::isEmpty));
        return "signals/accuracy :: model-panel";
    }

    /** Pro and Enterprise: how the live signals did week by week (analytics-service, advanced analytics). */
    @GetMapping("/accuracy/panels/performance")
    String performancePanel(@RequestParam(defaultValue = "true") boolean simulated, Model model) {
        CurrentUser user = users.current();
        if (!user.hasProFeatures()) {
            model.addAttribute("panel", Panel.notAllowed(
                    "Signal performance over time is part of advanced analytics, included in Pro and Enterprise."));
        } else {
            java.time.LocalDate today = clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
            Reply<SignalViews.Performance> reply = downstream.get(Service.ANALYTICS, SignalViews.Performance.class,
                    "/api/analytics/signals/performance?from={from}&to={to}&granularity=week&mode=live&simulated={s}",
                    today.minusDays(90), today, simulated);
            Panel<SignalViews.Performance> panel = reply.toPanel(report -> report.total() == null
                    || report.total().sampleSize() == 0);
            model.addAttribute("panel", panel);
            if (panel.isReady()) {
                model.addAttribute("chartData", performanceChart(panel.value()));
            }
        }
        model.addAttribute("simulated", simulated);
        return "signals/accuracy :: performance-panel";
    }

    private String chartData(SignalViews.Signal signal, SignalViews.Bars bars) {
        List<String> labels = new ArrayList<>();
        List<String> closes = new ArrayList<>();
        for (SignalViews.Bar bar : bars.bars()) {
            labels.add(bar.time().toString());
            closes.add(bar.close());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", "price");
        data.put("labels", labels);
        data.put("close", closes);
        data.put("entry", signal.entry());
        data.put("target", signal.target());
        data.put("stop", signal.stop());
        data.put("generatedAt", signal.generatedAt().toString());
        data.put("exitPrice", signal.exitPrice());
        return json.writeValueAsString(data);
    }

    private String performanceChart(SignalViews.Performance report) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", "performance");
        data.put("labels", report.periods().stream().map(period -> period.start().toString()).toList());
        data.put("accuracy", report.periods().stream().map(period -> period.accuracyPct()).toList());
        data.put("low", report.periods().stream().map(period -> period.accuracyLow95Pct()).toList());
        data.put("high", report.periods().stream().map(period -> period.accuracyHigh95Pct()).toList());
        data.put("samples", report.periods().stream().map(period -> period.sampleSize()).toList());
        return json.writeValueAsString(data);
    }

    private static Duration horizonOf(SignalViews.Signal signal) {
        try {
            Duration horizon = Duration.parse(signal.horizon());
            return horizon.isNegative() || horizon.isZero() ? Duration.ofHours(1) : horizon;
        } catch (RuntimeException unparseable) {
            return Duration.ofHours(1);
        }
    }

    static String validAssetClass(String assetClass) {
        return assetClass != null && ASSET_CLASSES.contains(assetClass) ? assetClass : null;
    }

    private String planNote(CurrentUser user) {
        return switch (user.tier()) {
            case "none" -> "Signals come with a plan: choose one under Plan and billing.";
            case "basic" -> "Your Basic plan shows stock signals, " + basicDelay.toMinutes()
                    + " minutes after they are published. Pro adds crypto and forex in real time.";
            default -> null;
        };
    }
}
