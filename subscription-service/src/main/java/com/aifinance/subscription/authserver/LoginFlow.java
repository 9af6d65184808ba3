package com.aifinance.subscription.authserver;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Accounts;
import com.aifinance.subscription.account.PasswordLogin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * What happens after the first factor. Users with MFA (and enterprise-tier users, who must have it) are not logged in
 * yet: their login waits in the session for a TOTP or recovery code, or for enrollment. Everyone else continues to
 * where they were going (usually {@code /oauth2/authorize}).
 */
@Component
class LoginFlow implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    static final String DEFAULT_TARGET = "/login/account";

    private final Accounts accounts;
    private final MfaPolicy policy;
    private final Clock clock;
    private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
    private final HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
    private final SavedRequestAwareAuthenticationSuccessHandler continueToTarget =
            new SavedRequestAwareAuthenticationSuccessHandler();

    LoginFlow(Accounts accounts, MfaPolicy policy, Clock clock) {
        this.accounts = accounts;
        this.policy = policy;
        this.clock = clock;
        continueToTarget.setDefaultTargetUrl(DEFAULT_TARGET);
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, jakarta.servlet.ServletException {
        Account account = accounts.byId(UUID.fromString(authentication.getName())).orElseThrow();
        boolean mandatory = policy.mandatory(account);
        if (!account.mfaEnabled() && !mandatory) {
            continueToTarget.onAuthenticationSuccess(request, response, authentication);
            return;
        }
        // the first factor alone is not a login: take the authentication back and wait for the second
        SecurityContextHolder.clearContext();
        contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
        request.getSession().setAttribute(PendingLogin.SESSION_ATTRIBUTE, new PendingLogin(account.id(),
                TokenClaims.methods(authentication), !account.mfaEnabled(), clock.instant(), 0));
        response.sendRedirect(request.getContextPath() + (account.mfaEnabled() ? "/login/mfa" : "/login/mfa/enroll"));
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        String reason = exception instanceof LockedException ? "locked"
                : exception instanceof DisabledException ? "unverified" : "invalid";
        response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
    }

    /** Completes a pending login with {@code otp} added to its methods, and continues where the user was going. */
    String complete(PendingLogin pending, HttpServletRequest request, HttpServletResponse response) {
        Account account = accounts.byId(pending.userId()).orElseThrow();
        List<String> methods = new ArrayList<>(pending.methods());
        if (!methods.contains("otp")) {
            methods.add("otp");
        }
        HttpSession session = request.getSession();
        session.removeAttribute(PendingLogin.SESSION_ATTRIBUTE);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(PasswordLogin.authenticated(account, methods, clock.instant()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        SavedRequest saved = requestCache.getRequest(request, response);
        return saved != null ? saved.getRedirectUrl() : request.getContextPath() + DEFAULT_TARGET;
    }

    static PendingLogin pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (PendingLogin) session.getAttribute(PendingLogin.SESSION_ATTRIBUTE);
    }
}
