package com.aifinance.subscription.account;

import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The server-rendered pages around an account: sign-up, e-mail verification, forgotten password, reset, unlock. They
 * live under {@code /login/**}, which the gateway routes here. Forms carry Spring Security's CSRF token.
 */
@Controller
@Hidden
@RequestMapping("/login")
class AccountPages {

    private final Registration registration;
    private final LoginProtection protection;

    AccountPages(Registration registration, LoginProtection protection) {
        this.registration = registration;
        this.protection = protection;
    }

    @GetMapping("/signup")
    String signUpForm() {
        return "login/signup";
    }

    @PostMapping("/signup")
    String signUp(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String confirmPassword, Model model) {
        List<String> problems = password.equals(confirmPassword) ? registration.signUp(email, password)
                : List.of("The two passwords differ.");
        if (!problems.isEmpty()) {
            model.addAttribute("email", email);
            model.addAttribute("problems", problems);
            return "login/signup";
        }
        model.addAttribute("email", email);
        return "login/signup-sent";
    }

    @GetMapping("/verify-email")
    String verifyEmail(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("verified", registration.verifyEmail(token).isPresent());
        return "login/verified";
    }

    @GetMapping("/forgot-password")
    String forgotForm() {
        return "login/forgot-password";
    }

    @PostMapping("/forgot-password")
    String forgot(@RequestParam(defaultValue = "") String email, Model model) {
        registration.requestPasswordReset(email);
        model.addAttribute("sent", true);
        return "login/forgot-password";
    }

    @GetMapping("/reset-password")
    String resetForm(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        return "login/reset-password";
    }

    @PostMapping("/reset-password")
    String reset(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
                 @RequestParam(defaultValue = "") String confirmPassword, Model model) {
        List<String> problems = password.equals(confirmPassword) ? registration.resetPassword(token, password)
                : List.of("The two passwords differ.");
        if (!problems.isEmpty()) {
            model.addAttribute("token", token);
            model.addAttribute("problems", problems);
            return "login/reset-password";
        }
        return "redirect:/login?reset";
    }

    /** The link e-mailed with a lockout; GET shows a confirmation button so mail scanners following links unlock nothing. */
    @GetMapping("/unlock")
    String unlockForm(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        return "login/unlock";
    }

    @PostMapping("/unlock")
    String unlock(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("unlocked", protection.unlockWithToken(token));
        model.addAttribute("done", true);
        return "login/unlock";
    }
}
