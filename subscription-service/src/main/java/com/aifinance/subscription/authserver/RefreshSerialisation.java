package com.aifinance.subscription.authserver;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Serialises refreshes of one refresh token. A {@code refresh_token} grant runs in one database transaction in which
 * {@link RefreshTokenFamilies#findByToken} locks the authorization row holding the token ({@code FOR UPDATE}): a
 * second request with the same token waits until the first has rotated it and committed, then no longer finds it, and
 * is treated as what it is — a reuse of a spent token. Without this, simultaneous refreshes each read the same row and
 * each got new tokens. The response is held back until the commit, so no client receives tokens that were not stored.
 * Runs after client authentication (no bcrypt inside the transaction). Not a bean: only the authorization server's
 * filter chain runs it.
 */
class RefreshSerialisation extends OncePerRequestFilter {

    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;

    RefreshSerialisation(TransactionTemplate transactions, JdbcClient jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod())
                && "/oauth2/token".equals(request.getRequestURI().substring(request.getContextPath().length()))
                && "refresh_token".equals(request.getParameter("grant_type")));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            transactions.executeWithoutResult(status -> {
                // a refresh that waits longer than this for another one fails rather than piling up connections
                jdbc.sql("set local lock_timeout = '5s'").update();
                try {
                    chain.doFilter(request, held);
                } catch (IOException | ServletException e) {
                    throw new ChainFailed(e);
                }
            });
        } catch (ChainFailed failed) {
            if (failed.getCause() instanceof IOException io) {
                throw io;
            }
            throw (ServletException) failed.getCause();
        }
        held.copyBodyToResponse();
    }

    private static final class ChainFailed extends RuntimeException {

        ChainFailed(Exception cause) {
            super(cause);
        }
    }
}
