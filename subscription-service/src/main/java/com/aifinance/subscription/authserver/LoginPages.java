package com.aifinance.subscription.authserver;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Accounts;
import com.aifinance.subscription.account.LoginProtection;
import com.aifinance.subscription.account.Mfa;
import com.aifinance.subscription.federation.FederatedProviders;
import com.aifinance.subscription.federation.FederationUnavailable;
import com.aifinance.subscription.federation.SsoRouting;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page and the second step: the TOTP challenge, enrollment and the account page. */
@Controller
@Hidden
@RequestMapping("/login")
class LoginPages {

    /** A pending login older than this starts again, so a forgotten tab does not keep half a login alive. */
    private static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
    private static final String ENROLLMENT = LoginPages.class.getName() + ".enrollment";

    private final Accounts accounts;
    private final Mfa mfa;
    private final LoginProtection protection;
    private final LoginFlow flow;
    private final FederatedProviders providers;
    private final SsoRouting sso;
    private final MfaPolicy policy;
    private final java.time.Clock clock;

    LoginPages(Accounts accounts, Mfa mfa, LoginProtection protection, LoginFlow flow, FederatedProviders providers,
               SsoRouting sso, MfaPolicy policy, java.time.Clock clock) {
        this.accounts = accounts;
        this.mfa = mfa;
        this.protection = protection;
        this.flow = flow;
        this.providers = providers;
        this.sso = sso;
        this.policy = policy;
        this.clock = clock;
    }

    @GetMapping
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String reason,
                 HttpServletRequest request, Model model) {
        if (error != null) {
            model.addAttribute("error", switch (error) {
                case "locked" -> "This account is locked after repeated failed logins. We e-mailed you a link to "
                        + "unlock it; the lock also lifts by itself after 15 minutes.";
                case "unverified" -> "Verify your e-mail address first: open the link we sent you.";
                case "federated" -> federatedError(reason);
                case "mfa" -> "Too many wrong codes. Log in again.";
                default -> "Invalid e-mail or password.";
            });
        }
        if (request.getParameter("logout") != null) {
            model.addAttribute("message", "You are logged out.");
        } else if (request.getParameter("reset") != null) {
            model.addAttribute("message", "Your password is changed. Log in with it now.");
        }
        model.addAttribute("providers", providers.available());
        return "login/login";
    }

    /** "Log in with single sign-on": to the organisation's identity provider of the address's domain. */
    @PostMapping("/sso")
    String singleSignOn(@RequestParam(defaultValue = "") String email, Model model) {
        try {
            java.util.Optional<String> start = sso.startFor(email);
            if (start.isPresent()) {
                return "redirect:" + start.get();
            }
            model.addAttribute("error", "Single sign-on is not set up for that address. Log in with your password, "
                    + "or ask your organisation's administrator.");
        } catch (FederationUnavailable e) {
            model.addAttribute("error", "Your organisation's single sign-on cannot be reached right now; try again "
                    + "in a few minutes.");
        }
        model.addAttribute("ssoEmail", email);
        model.addAttribute("providers", providers.available());
        return "login/login";
    }

    static String federatedError(String reason) {
        return switch (reason == null ? "" : reason) {
            case "email_unverified" -> "That provider has not verified your e-mail address. Verify it there, or log "
                    + "in with your password.";
            case "no_email" -> "That provider did not tell us your e-mail address; allow it to share it, or log in "
                    + "with your password.";
            case "account_unverified" -> "An account with this e-mail address exists but its address is not verified "
                    + "yet. Open the verification link we sent, or reset your password, then try again.";
            case "locked" -> "This account is locked after repeated failed logins; the lock lifts by itself after "
                    + "15 minutes.";
            case "domain_mismatch" -> "Your organisation's single sign-on cannot log in addresses of another domain.";
            case "cancelled" -> "The login with that provider was cancelled.";
            case "unavailable" -> "That provider cannot be reached right now; try again in a few minutes or use your "
                    + "password.";
            case "expired" -> "That login took too long or was opened in another browser; start again.";
            default -> "Logging in with that provider failed; try again or use your password.";
        };
    }

    @GetMapping("/mfa")
    String challenge(HttpServletRequest request) {
        return current(request).filter(pending -> !pending.mustEnroll()).isPresent() ? "login/mfa" : "redirect:/login";
    }

    @PostMapping("/mfa")
    String verify(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        Optional<PendingLogin> pending = current(request).filter(login -> !login.mustEnroll());
        if (pending.isEmpty()) {
            return "redirect:/login";
        }
        if (mfa.verify(pending.get().userId(), code)) {
            return "redirect:" + flow.complete(pending.get(), request, response);
        }
        // wrong second factors count towards the lockout like wrong passwords
        Account account = accounts.byId(pending.get().userId()).orElseThrow();
        boolean locked = protection.recordFailure(account, request.getRemoteAddr());
        PendingLogin failed = pending.get().failedOnce();
        if (locked || failed.failures() >= PendingLogin.MAX_FAILURES) {
            request.getSession().removeAttribute(PendingLogin.SESSION_ATTRIBUTE);
            return "redirect:/login?error=" + (locked ? "locked" : "mfa");
        }
        request.getSession().setAttribute(PendingLogin.SESSION_ATTRIBUTE, failed);
        model.addAttribute("error", "That code is not right. Codes change every 30 seconds.");
        return "login/mfa";
    }

    @GetMapping("/mfa/enroll")
    String enrollForm(HttpServletRequest request, Model model) {
        Optional<Account> account = enrollingAccount(request);
        if (account.isEmpty()) {
            return "redirect:/login";
        }
        Mfa.Enrollment enrollment = mfa.startEnrollment(account.get());
        request.getSession().setAttribute(ENROLLMENT, account.get().id());
        model.addAttribute("enrollment", enrollment);
        model.addAttribute("mandatory", current(request).isPresent());
        return "login/mfa-enroll";
    }

    @PostMapping("/mfa/enroll")
    String enroll(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        Optional<Account> account = enrollingAccount(request);
        if (account.isEmpty() || !account.get().id().equals(request.getSession().getAttribute(ENROLLMENT))) {
            return "redirect:/login";
        }
        Optional<List<String>> codes = mfa.confirmEnrollment(account.get().id(), code);
        if (codes.isEmpty()) {
            model.addAttribute("error", "That code is not right; scan the new QR code and try again.");
            model.addAttribute("enrollment", mfa.startEnrollment(account.get()));
            model.addAttribute("mandatory", current(request).isPresent());
            return "login/mfa-enroll";
        }
        request.getSession().removeAttribute(ENROLLMENT);
        Optional<PendingLogin> pending = current(request);
        String next = pending.isPresent() ? flow.complete(pending.get(), request, response)
                : request.getContextPath() + LoginFlow.DEFAULT_TARGET;
        model.addAttribute("codes", codes.get());
        model.addAttribute("continueUrl", next);
        return "login/recovery-codes";
    }

    @GetMapping("/account")
    String account(@RequestParam(required = false) String mfa, Model model) {
        Account account = loggedIn().orElseThrow();
        if ("off".equals(mfa)) {
            model.addAttribute("message", "Two-step verification is off.");
        } else if ("mandatory".equals(mfa)) {
            model.addAttribute("error", "Your plan or your organisation requires two-step verification; it cannot be turned off.");
        }
        model.addAttribute("email", account.email());
        model.addAttribute("mfaEnabled", account.mfaEnabled());
        model.addAttribute("mfaOptional", !policy.mandatory(account));
        model.addAttribute("recoveryCodesLeft",
                account.mfaEnabled() ? this.mfa.remainingRecoveryCodes(account.id()) : 0);
        return "login/account";
    }

    /** Who may enroll: a pending login that must, or a logged-in user turning MFA on. */
    private Optional<Account> enrollingAccount(HttpServletRequest request) {
        Optional<PendingLogin> pending = current(request).filter(PendingLogin::mustEnroll);
        if (pending.isPresent()) {
            return accounts.byId(pending.get().userId());
        }
        return loggedIn().filter(account -> !account.mfaEnabled());
    }

    private Optional<Account> loggedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        try {
            return accounts.byId(UUID.fromString(authentication.getName()));
        } catch (IllegalArgumentException anonymous) {
            return Optional.empty();
        }
    }

    private Optional<PendingLogin> current(HttpServletRequest request) {
        PendingLogin pending = LoginFlow.pending(request);
        if (pending != null && pending.startedAt().plus(PENDING_LIFETIME).isBefore(clock.instant())) {
            request.getSession().removeAttribute(PendingLogin.SESSION_ATTRIBUTE);
            return Optional.empty();
        }
        return Optional.ofNullable(pending);
    }
}
