package com.aifinance.institutional.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.institutional.marketdata.AssetClass;
import com.aifinance.institutional.signals.Signal;
import com.aifinance.institutional.signals.SignalStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Signals", description = "AI-generated trading signals and their outcomes")
class SignalsController {

    static final String PAGE_EXAMPLE = """
            {"data": [{"id": "0b6f8c1e-6a53-4c1e-9d7e-2f1b7a0c9e41", "symbol": "AAPL", "assetClass": "stock",
              "direction": "long", "entry": "189.52", "target": "192.87", "stop": "186.17", "horizon": "PT240H",
              "confidence": 0.61234, "modelVersion": "stock-real-logistic-20261126T073000",
              "generatedAt": "2026-11-26T07:31:00Z", "simulated": false, "status": "open", "outcome": null,
              "exitPrice": null, "exitAt": null, "returnPct": null, "resolvedAt": null}],
             "nextCursor": "MTc2NDE0MjI2MDAwMDAwMHwwYjZmOGMxZS02YTUzLTRjMWUtOWQ3ZS0yZjFiN2EwYzllNDE", "limit": 50}""";

    @Schema(description = "A trading signal; decimals are strings, horizon an ISO-8601 duration")
    record SignalView(UUID id, String symbol, String assetClass, String direction, String entry, String target,
                      String stop, String horizon, double confidence, String modelVersion, Instant generatedAt,
                      @Schema(description = "true for instruments of the simulated market") boolean simulated,
                      @Schema(allowableValues = {"open", "resolved"}) String status,
                      @Schema(allowableValues = {"target_first", "stop_first", "horizon"}) String outcome,
                      String exitPrice, Instant exitAt, String returnPct, Instant resolvedAt) {

        static SignalView of(Signal signal) {
            return new SignalView(signal.id(), signal.symbol(), signal.assetClass().code(), signal.direction().code(),
                    signal.entry().toPlainString(), signal.target().toPlainString(), signal.stop().toPlainString(),
                    signal.horizon().toString(), signal.confidence().doubleValue(), signal.modelVersion(),
                    signal.generatedAt(), signal.simulated(), signal.status(),
                    signal.outcome() == null ? null : signal.outcome().code(),
                    signal.exitPrice() == null ? null : signal.exitPrice().toPlainString(), signal.exitAt(),
                    signal.returnPct() == null ? null : signal.returnPct().stripTrailingZeros().toPlainString(),
                    signal.resolvedAt());
        }
    }

    @Schema(description = "One page of signals, newest first; pass nextCursor as cursor for the next page")
    record SignalPage(List<SignalView> data, String nextCursor, int limit) {
    }

    private final SignalStore signals;
    private final Entitlements entitlements;
    private final ApiProperties properties;
    private final Clock clock;

    SignalsController(SignalStore signals, Entitlements entitlements, ApiProperties properties, Clock clock) {
        this.signals = signals;
        this.entitlements = entitlements;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/v1/signals")
    @Operation(summary = "List signals", description = """
            Newest first, filtered by asset class, status and generation time ([from, to)), in pages of `limit` \
            (default 50, at most 200) with an opaque cursor. Basic subscribers see stock signals only, once they are \
            older than the Basic delay.""")
    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = PAGE_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "Invalid filter, cursor or limit", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(value = """
            {"type": "tag:aifinance.agency,2026:problems/validation", "title": "Invalid request", "status": 400,
             "detail": "The request has 1 invalid field.", "errors": [{"field": "limit", "message": "must be between 1 and 200"}]}""")))
    @ApiResponse(responseCode = "403", description = "The plan does not include the asset class", content = @Content(
            mediaType = "application/problem+json"))
    SignalPage list(@Parameter(example = "stock") @RequestParam(required = false) String assetClass,
                    @Parameter(schema = @Schema(allowableValues = {"open", "resolved"})) @RequestParam(required = false) String status,
                    @Parameter(example = "2026-11-01T00:00:00Z") @RequestParam(required = false) String from,
                    @Parameter(example = "2026-12-01T00:00:00Z") @RequestParam(required = false) String to,
                    @Parameter(example = "50") @RequestParam(required = false) Integer limit,
                    @RequestParam(required = false) String cursor) {
        Access access = entitlements.require("signals:read");
        AssetClass requested = Params.assetClass(assetClass);
        if (requested != null && !access.entitledTo(requested)) {
            throw Entitlements.notEntitled(requested, access);
        }
        if (status != null && !status.equals(Signal.OPEN) && !status.equals(Signal.RESOLVED)) {
            throw Params.invalid("status", "must be open or resolved");
        }
        Instant fromTime = Params.instant("from", from);
        Instant toTime = Params.instant("to", to);
        Params.ordered(fromTime, toTime);
        int size = Params.limit(limit, properties.defaultPageSize(), properties.maxPageSize());
        Cursor after = Cursor.decode(cursor);
        List<AssetClass> classes = requested != null ? List.of(requested)
                : access.assetClasses().stream().sorted().toList();
        List<Signal> page = signals.page(new SignalStore.PageQuery(classes, status, fromTime, toTime,
                access.visibleUntil(clock.instant()), after == null ? null : after.generatedAt(),
                after == null ? null : after.id(), size + 1));
        boolean more = page.size() > size;
        List<Signal> shown = more ? page.subList(0, size) : page;
        String next = more ? new Cursor(shown.getLast().generatedAt(), shown.getLast().id()).encode() : null;
        return new SignalPage(shown.stream().map(SignalView::of).toList(), next, size);
    }

    @GetMapping("/v1/signals/{id}")
    @Operation(summary = "One signal", description = "With its outcome once resolved.")
    @ApiResponse(responseCode = "404", description = "No such signal (or not visible yet to a Basic subscriber)",
            content = @Content(mediaType = "application/problem+json"))
    SignalView one(@PathVariable UUID id) {
        Access access = entitlements.require("signals:read");
        Signal signal = signals.find(id).orElseThrow(() -> ApiProblem.notFound("Signal " + id));
        if (!access.entitledTo(signal.assetClass())) {
            throw Entitlements.notEntitled(signal.assetClass(), access);
        }
        Instant visibleUntil = access.visibleUntil(clock.instant());
        if (visibleUntil != null && !signal.generatedAt().isBefore(visibleUntil)) {
            throw ApiProblem.notFound("Signal " + id);
        }
        return SignalView.of(signal);
    }

    /** The keyset of the last row of a page, opaque to clients. */
    record Cursor(Instant generatedAt, UUID id) {

        String encode() {
            String raw = generatedAt.getEpochSecond() + "." + generatedAt.getNano() + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
                String[] parts = raw.split("\\|");
                String[] time = parts[0].split("\\.");
                return new Cursor(Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1])),
                        UUID.fromString(parts[1]));
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw Params.invalid("cursor", "is not a cursor this API returned");
            }
        }
    }
}
