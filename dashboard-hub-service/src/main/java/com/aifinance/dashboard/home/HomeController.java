package com.aifinance.dashboard.home;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public landing page: what the product is and what each tier costs. */
@Controller
class HomeController {

    private final PlanCatalogClient catalog;

    HomeController(PlanCatalogClient catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/")
    String home(@org.springframework.web.bind.annotation.RequestParam(required = false) String login, Model model) {
        model.addAttribute("catalog", catalog.monthlyPlans("USD"));
        model.addAttribute("loginFailed", "failed".equals(login));
        return "home";
    }
}
