package com.aifinance.dashboard.layout;

import com.aifinance.dashboard.platform.PageController;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/** The page Spring Security shows when a signed-in user opens an area their roles do not include. */
@PageController
class ErrorPagesController {

    @RequestMapping("/access-denied")
    String accessDenied(Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("status", 403);
        model.addAttribute("message", "Your account does not include this area. If you think it should, ask your "
                + "organisation's owner or our support.");
        return "error";
    }
}
