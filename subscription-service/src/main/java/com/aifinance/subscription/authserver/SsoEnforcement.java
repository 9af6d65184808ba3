package com.aifinance.subscription.authserver;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import com.aifinance.subscription.audit.AuditLog;
import com.aifinance.subscription.federation.SsoRouting;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A password login for an address whose organisation enforces SSO goes to the organisation's identity provider, and
 * the password is not checked: the organisation decides who may log in (and can lock out someone who left). Runs
 * after the CSRF check, before the password check. Not a bean, so the servlet container does not run it for every
 * request.
 */
class SsoEnforcement extends OncePerRequestFilter {

    private final SsoRouting routing;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    SsoEnforcement(SsoRouting routing, AuditLog audit, TransactionTemplate transactions) {
        this.routing = routing;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod())
                && "/login".equals(request.getRequestURI().substring(request.getContextPath().length())));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String email = request.getParameter("username");
        Optional<String> target = email == null ? Optional.empty() : routing.enforcedFor(email);
        if (target.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        transactions.executeWithoutResult(status -> audit.record("anonymous", "login.password_refused_sso_enforced",
                null, null, Map.of("email", email.strip())));
        response.sendRedirect(request.getContextPath() + target.get());
    }
}
