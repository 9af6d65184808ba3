package com.aifinance.institutional.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.institutional.marketdata.AssetClass;
import com.aifinance.institutional.marketdata.Bar;
import com.aifinance.institutional.marketdata.BarStore;
import com.aifinance.institutional.marketdata.EconomicObservationStore;
import com.aifinance.institutional.marketdata.Instrument;
import com.aifinance.institutional.marketdata.InstrumentCatalog;
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
@Tag(name = "Market data", description = "Instruments, their bars with the source of each, and economic indicators")
class MarketDataController {

    @Schema(description = "An instrument the signal engine covers")
    record InstrumentView(@Schema(example = "AAPL") String symbol, @Schema(example = "stock") String assetClass,
                          @Schema(example = "Apple Inc.") String name, @Schema(example = "USD") String currency,
                          @Schema(description = "true for the simulated market") boolean simulated,
                          @Schema(allowableValues = {"bundled", "provider", "simulated"}) String dataSource,
                          @Schema(example = "1d") String barInterval, Instant lastBarAt) {
    }

    record InstrumentList(List<InstrumentView> data) {
    }

    @Schema(description = "An OHLCV bar; time is the start of its period, volume null when the source has none")
    record BarView(Instant time, String open, String high, String low, String close, String volume, String source) {

        static BarView of(Bar bar) {
            return new BarView(bar.time(), bar.open().toPlainString(), bar.high().toPlainString(),
                    bar.low().toPlainString(), bar.close().toPlainString(),
                    bar.volume() == null ? null : bar.volume().toPlainString(), bar.source());
        }
    }

    record BarsView(String symbol, String assetClass, String interval, boolean simulated, Instant from, Instant to,
                    List<BarView> bars) {
    }

    record ObservationView(LocalDate date, String value, String source) {
    }

    record IndicatorView(String seriesId, LocalDate from, LocalDate to, List<ObservationView> observations) {
    }

    private final InstrumentCatalog catalog;
    private final BarStore bars;
    private final EconomicObservationStore economic;
    private final Entitlements entitlements;
    private final ApiProperties properties;
    private final Clock clock;

    MarketDataController(InstrumentCatalog catalog, BarStore bars, EconomicObservationStore economic,
                         Entitlements entitlements, ApiProperties properties, Clock clock) {
        this.catalog = catalog;
        this.bars = bars;
        this.economic = economic;
        this.entitlements = entitlements;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/v1/instruments")
    @Operation(summary = "Instruments", description = "The instruments of the asset classes your plan includes.")
    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
            {"data": [{"symbol": "AAPL", "assetClass": "stock", "name": "Apple Inc.", "currency": "USD",
              "simulated": false, "dataSource": "bundled", "barInterval": "1d", "lastBarAt": "2013-12-31T00:00:00Z"},
             {"symbol": "SIM-STK-A", "assetClass": "stock", "name": "Simulated stock A", "currency": "USD",
              "simulated": true, "dataSource": "simulated", "barInterval": "1m", "lastBarAt": "2026-11-26T07:30:00Z"}]}""")))
    InstrumentList instruments(@Parameter(example = "stock") @RequestParam(required = false) String assetClass) {
        Access access = entitlements.require("market-data:read");
        AssetClass requested = Params.assetClass(assetClass);
        if (requested != null && !access.entitledTo(requested)) {
            throw Entitlements.notEntitled(requested, access);
        }
        return new InstrumentList(catalog.all().stream()
                .filter(Instrument::active)
                .filter(instrument -> access.entitledTo(instrument.assetClass()))
                .filter(instrument -> requested == null || instrument.assetClass() == requested)
                .map(instrument -> new InstrumentView(instrument.symbol(), instrument.assetClass().code(),
                        instrument.name(), instrument.currency(), instrument.simulated(), instrument.dataSource(),
                        instrument.barInterval().code(),
                        bars.lastBarTime(instrument.symbol(), instrument.barInterval()).orElse(null)))
                .toList());
    }

    @GetMapping("/v1/market-data/{symbol}/bars")
    @Operation(summary = "Bars of an instrument", description = """
            Bars with from <= time < to, oldest first, each with the source that delivered it. Both ends are required \
            and the range may span at most 5,000 bars. Basic subscribers get stocks only, up to the Basic delay.""")
    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
            {"symbol": "AAPL", "assetClass": "stock", "interval": "1d", "simulated": false,
             "from": "2013-01-01T00:00:00Z", "to": "2013-01-04T00:00:00Z", "bars": [
              {"time": "2013-01-02T00:00:00Z", "open": "553.82", "high": "555", "low": "541.63", "close": "549.03",
               "volume": "20018500", "source": "ta4j-examples:appleinc_bars_from_20130101_usd.csv"}]}""")))
    @ApiResponse(responseCode = "400", description = "Missing, inverted or too wide range",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "Unknown symbol", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(value = """
            {"type": "tag:aifinance.agency,2026:problems/not-found", "title": "Not found", "status": 404,
             "detail": "Instrument NOPE does not exist"}""")))
    BarsView bars(@Parameter(example = "AAPL") @PathVariable String symbol,
                  @Parameter(required = true, example = "2013-01-01T00:00:00Z") @RequestParam(required = false) String from,
                  @Parameter(required = true, example = "2013-02-01T00:00:00Z") @RequestParam(required = false) String to) {
        Access access = entitlements.require("market-data:read");
        Instrument instrument = catalog.find(symbol)
                .orElseThrow(() -> ApiProblem.notFound("Instrument " + (symbol.length() > 20 ? symbol.substring(0, 20)
                        + "…" : symbol)));
        if (!access.entitledTo(instrument.assetClass())) {
            throw Entitlements.notEntitled(instrument.assetClass(), access);
        }
        Instant fromTime = Params.instant("from", from);
        Instant toTime = Params.instant("to", to);
        if (fromTime == null || toTime == null) {
            throw Params.invalid(fromTime == null ? "from" : "to", "is required: an unbounded range is refused");
        }
        Params.ordered(fromTime, toTime);
        if (fromTime.plus(instrument.barInterval().duration().multipliedBy(properties.maxBars())).isBefore(toTime)) {
            throw Params.invalid("to", "the range spans more than " + properties.maxBars() + " "
                    + instrument.barInterval().code() + " bars");
        }
        Instant visibleUntil = access.visibleUntil(clock.instant());
        Instant until = visibleUntil != null && visibleUntil.isBefore(toTime) ? visibleUntil : toTime;
        List<Bar> result = until.isAfter(fromTime)
                ? bars.between(instrument.symbol(), instrument.barInterval(), fromTime, until, properties.maxBars())
                : List.of();
        return new BarsView(instrument.symbol(), instrument.assetClass().code(), instrument.barInterval().code(),
                instrument.simulated(), fromTime, toTime, result.stream()
                .filter(bar -> visibleUntil == null
                        || !bar.time().plus(instrument.barInterval().duration()).isAfter(visibleUntil))
                .map(BarView::of).toList());
    }

    @GetMapping("/v1/economic-indicators/{seriesId}")
    @Operation(summary = "Economic indicator observations (FRED)", description = """
            Observations with from <= date <= to (both required, at most 20 years). Available when FRED is configured.""")
    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
            {"seriesId": "DGS10", "from": "2026-01-01", "to": "2026-01-31", "observations": [
              {"date": "2026-01-02", "value": "4.19", "source": "fred"}]}""")))
    IndicatorView indicator(@Parameter(example = "DGS10") @PathVariable String seriesId,
                            @Parameter(required = true, example = "2026-01-01") @RequestParam(required = false) String from,
                            @Parameter(required = true, example = "2026-01-31") @RequestParam(required = false) String to) {
        entitlements.require("market-data:read");
        if (!seriesId.matches("[A-Z0-9_]{1,40}")) {
            throw Params.invalid("seriesId", "must be a FRED series id such as DGS10");
        }
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        if (fromDate.isAfter(toDate)) {
            throw Params.invalid("from", "must not be after to");
        }
        if (fromDate.plusYears(20).isBefore(toDate)) {
            throw Params.invalid("to", "the range spans more than 20 years");
        }
        if (!economic.seriesIds().contains(seriesId)) {
            throw ApiProblem.notFound("Series " + seriesId);
        }
        return new IndicatorView(seriesId, fromDate, toDate, economic.between(seriesId, fromDate, toDate, 10_000)
                .stream().map(o -> new ObservationView(o.date(), o.value().toPlainString(), o.source())).toList());
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Params.invalid(field, "is required: an unbounded range is refused");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw Params.invalid(field, "must be an ISO-8601 date such as 2026-01-31");
        }
    }
}
