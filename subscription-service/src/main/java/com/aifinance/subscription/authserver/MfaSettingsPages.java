package com.aifinance.subscription.authserver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Accounts;
import com.aifinance.subscription.account.LoginProtection;
import com.aifinance.subscription.account.Mfa;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A logged-in user's two-step verification settings: new recovery codes, and turning MFA off. Both need the user to
 * prove it is them again — a code from the authenticator app (or a recovery code), and the password when the account
 * has one (a federated-only account instead needs a login of the last 10 minutes) — because a session left open on
 * a shared computer must not be enough to weaken an account. Wrong passwords and codes count towards the lockout.
 * Turning MFA off is refused to users whose MFA is mandatory (enterprise tier, or their organisation requires it).
 */
@Controller
@Hidden
@RequestMapping("/login/account")
class MfaSettingsPages {

    /** How recent the login of an account without a password must be to stand in for the password. */
    static final Duration RECENT_LOGIN = Duration.ofMinutes(10);

    private final Accounts accounts;
    private final Mfa mfa;
    private final LoginProtection protection;
    private final PasswordEncoder passwords;
    private final MfaPolicy policy;
    private final Clock clock;

    MfaSettingsPages(Accounts accounts, Mfa mfa, LoginProtection protection, PasswordEncoder passwords,
                     MfaPolicy policy, Clock clock) {
        this.accounts = accounts;
        this.mfa = mfa;
        this.protection = protection;
        this.passwords = passwords;
        this.policy = policy;
        this.clock = clock;
    }

    @GetMapping("/recovery-codes")
    String recoveryCodesForm(Model model) {
        Account account = loggedIn();
        if (!account.mfaEnabled()) {
            return "redirect:/login/account";
        }
        return form(model, account, Action.RECOVERY_CODES, null);
    }

    @PostMapping("/recovery-codes")
    String regenerateRecoveryCodes(@RequestParam(defaultValue = "") String password,
                                   @RequestParam(defaultValue = "") String code, HttpServletRequest request,
                                   HttpServletResponse response, Model model) {
        Account account = loggedIn();
        if (!account.mfaEnabled()) {
            return "redirect:/login/account";
        }
        Reauthentication proof = reauthenticate(account, password, code, request, response);
        if (proof.refusal() != null) {
            return proof.locked() ? "redirect:/login?error=locked" : form(model, account, Action.RECOVERY_CODES,
                    proof.refusal());
        }
        List<String> codes = mfa.regenerateRecoveryCodes(account.id(), proof.method()).orElseThrow();
        model.addAttribute("codes", codes);
        model.addAttribute("continueUrl", request.getContextPath() + "/login/account");
        model.addAttribute("replaced", true);
        return "login/recovery-codes";
    }

    @GetMapping("/mfa/disable")
    String disableForm(Model model) {
        Account account = loggedIn();
        if (!account.mfaEnabled()) {
            return "redirect:/login/account";
        }
        if (policy.mandatory(account)) {
            return "redirect:/login/account?mfa=mandatory";
        }
        return form(model, account, Action.DISABLE, null);
    }

    @PostMapping("/mfa/disable")
    String disable(@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String code,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        Account account = loggedIn();
        if (!account.mfaEnabled()) {
            return "redirect:/login/account";
        }
        if (policy.mandatory(account)) {
            return "redirect:/login/account?mfa=mandatory";
        }
        Reauthentication proof = reauthenticate(account, password, code, request, response);
        if (proof.refusal() != null) {
            return proof.locked() ? "redirect:/login?error=locked" : form(model, account, Action.DISABLE, proof.refusal());
        }
        mfa.disable(account.id(), proof.method());
        return "redirect:/login/account?mfa=off";
    }

    private Reauthentication reauthenticate(Account account, String password, String code, HttpServletRequest request,
                                            HttpServletResponse response) {
        String method;
        if (account.passwordHash() != null) {
            if (!passwords.matches(password, account.passwordHash())) {
                return failed(account, "That password is not right.", request, response);
            }
            method = "pwd+otp";
        } else {
            if (!loggedInSince(clock.instant().minus(RECENT_LOGIN))) {
                return new Reauthentication(null, "For your security, log out and log in again, then do this within "
                        + RECENT_LOGIN.toMinutes() + " minutes.", false);
            }
            method = "recent_login+otp";
        }
        if (!mfa.verify(account.id(), code)) {
            return failed(account, "That code is not right. Codes change every 30 seconds.", request, response);
        }
        return new Reauthentication(method, null, false);
    }

    private Reauthentication failed(Account account, String message, HttpServletRequest request,
                                    HttpServletResponse response) {
        if (protection.recordFailure(account, request.getRemoteAddr())) {
            // the account is locked now: this session ends with it
            new SecurityContextLogoutHandler().logout(request, response,
                    SecurityContextHolder.getContext().getAuthentication());
            return new Reauthentication(null, message, true);
        }
        return new Reauthentication(null, message, false);
    }

    private static boolean loggedInSince(Instant since) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
                .filter(FactorGrantedAuthority.class::isInstance)
                .map(authority -> ((FactorGrantedAuthority) authority).getIssuedAt())
                .allMatch(issued -> issued != null && issued.isAfter(since));
    }

    private static String form(Model model, Account account, Action action, String error) {
        model.addAttribute("action", action.path);
        model.addAttribute("title", action.title);
        model.addAttribute("explanation", action.explanation);
        model.addAttribute("submit", action.submit);
        model.addAttribute("askPassword", account.passwordHash() != null);
        model.addAttribute("error", error);
        return "login/reauthenticate";
    }

    private Account loggedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return Optional.ofNullable(authentication).map(Authentication::getName).flatMap(name -> {
            try {
                return accounts.byId(UUID.fromString(name));
            } catch (IllegalArgumentException notAUser) {
                return Optional.empty();
            }
        }).orElseThrow(() -> new IllegalStateException("the login pages' chain lets only logged-in users here"));
    }

    private enum Action {
        RECOVERY_CODES("/login/account/recovery-codes", "New recovery codes",
                "Your current recovery codes stop working and you get ten new ones.", "Get new recovery codes"),
        DISABLE("/login/account/mfa/disable", "Turn off two-step verification",
                "Your account will be protected by your password (or your provider) alone.",
                "Turn off two-step verification");

        final String path;
        final String title;
        final String explanation;
        final String submit;

        Action(String path, String title, String explanation, String submit) {
            this.path = path;
            this.title = title;
            this.explanation = explanation;
            this.submit = submit;
        }
    }

    private record Reauthentication(String method, String refusal, boolean locked) {
    }
}
