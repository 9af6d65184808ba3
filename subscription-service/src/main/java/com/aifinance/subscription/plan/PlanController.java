package com.aifinance.subscription.plan;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/subscriptions/plans")
@Validated
@Tag(name = "Plans", description = "The public plan catalog")
class PlanController {

    private final PlanCatalog catalog;

    PlanController(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "List the plans on sale", description = "Prices are in minor units of their currency.")
    List<Plan> plans(
            @Parameter(description = "Only plans in this currency")
            @RequestParam(required = false) @Pattern(regexp = "USD|INR", message = "must be USD or INR") String currency,
            @Parameter(description = "Only monthly or only annual plans")
            @RequestParam(required = false) @Pattern(regexp = "month|year", message = "must be month or year") String interval) {
        return catalog.activePlans(currency, interval);
    }
}
