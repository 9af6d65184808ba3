package com.aifinance.subscription.authserver;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Accounts;
import com.aifinance.subscription.account.PasswordLogin;
import com.aifinance.subscription.audit.AuditLog;
import com.aifinance.subscription.federation.FederatedLoginRefused;
import com.aifinance.subscription.federation.FederatedUser;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriUtils;

/**
 * The end of a federated login. Success: the provider's authentication is replaced by the platform's own (the account
 * id as name, {@code federated} as method), and the login continues like a password login — MFA when the account has
 * it or its tier requires it, then back to where the user was going. Failure: audited, counted, and explained on the
 * login page; a user of a domain whose organisation enforces SSO is sent to the organisation's provider instead.
 */
@Component
class FederatedLoginCompletion implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    /** Refusals the login page explains specifically; anything else is a generic provider failure. */
    private static final Logger log = LoggerFactory.getLogger(FederatedLoginCompletion.class);

    private final Accounts accounts;
    private final LoginFlow flow;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    FederatedLoginCompletion(Accounts accounts, LoginFlow flow, AuditLog audit, TransactionTemplate transactions,
                             MeterRegistry meters, Clock clock) {
        this.accounts = accounts;
        this.flow = flow;
        this.audit = audit;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, ServletException {
        FederatedUser user = (FederatedUser) authentication.getPrincipal();
        Account account = accounts.byId(user.accountId()).orElseThrow();
        Authentication platform = PasswordLogin.authenticated(account, List.of("federated"), clock.instant());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(platform);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        meters.counter("aifa_identity_federated_logins_total", "provider", user.provider(), "outcome", "success")
                .increment();
        flow.onAuthenticationSuccess(request, response, platform);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        String provider = provider(request);
        if (exception instanceof FederatedLoginRefused refused && refused.ssoRegistrationId() != null) {
            record(provider, "sso_required", refused);
            String target = "/login/federated/" + refused.ssoRegistrationId()
                    + (refused.email() == null ? "" : "?login_hint=" + UriUtils.encodeQueryParam(refused.email(),
                    java.nio.charset.StandardCharsets.UTF_8));
            response.sendRedirect(request.getContextPath() + target);
            return;
        }
        String reason = reason(exception);
        record(provider, reason, exception);
        response.sendRedirect(request.getContextPath() + "/login?error=federated&reason=" + reason);
    }

    /**
     * A stable reason. Error codes in a provider's callback are whatever the URL says (anyone can craft one), so only
     * known ones are passed on to the page, the audit and the metric.
     */
    static String reason(AuthenticationException exception) {
        if (exception instanceof FederatedLoginRefused refused) {
            return refused.reason();
        }
        if (!(exception instanceof OAuth2AuthenticationException oauth)) {
            return "unavailable";   // the provider could not be prepared (discovery, enterprise-service)
        }
        return switch (oauth.getError().getErrorCode()) {
            case "access_denied" -> "cancelled";   // the user said no at the provider
            case "client_registration_not_found", "invalid_token_response", "invalid_user_info_response",
                 "server_error", "temporarily_unavailable" -> "unavailable";
            case "invalid_id_token", "invalid_nonce" -> "invalid_id_token";
            case "authorization_request_not_found", "invalid_state_parameter" -> "expired";
            default -> "provider_error";
        };
    }

    private void record(String provider, String reason, AuthenticationException exception) {
        FederatedLoginRefused refused = exception instanceof FederatedLoginRefused r ? r : null;
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("provider", provider);
        after.put("reason", reason);
        if (refused != null && refused.email() != null) {
            after.put("email", refused.email());
        }
        String target = refused != null && refused.accountId() != null ? "user:" + refused.accountId() : null;
        transactions.executeWithoutResult(status ->
                audit.record("anonymous", "login.federated_refused", target, null, after));
        meters.counter("aifa_identity_federated_logins_total", "provider", provider, "outcome", reason).increment();
        log.info("Federated login with {} refused: {}", provider, exception.getMessage());
    }

    /** The provider of the request that failed ({@code …/callback/google}, {@code …/federated/org-…}). */
    private static String provider(HttpServletRequest request) {
        String path = request.getRequestURI();
        String id = path.substring(path.lastIndexOf('/') + 1);
        return id.startsWith("org-") ? "organisation" : id.matches("[a-z][a-z0-9-]{0,30}") ? id : "unknown";
    }
}
