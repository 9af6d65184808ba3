package com.aifinance.subscription.authserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import com.aifinance.subscription.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refresh-token rotation with reuse detection. One login is one authorization (a "family"); each refresh replaces
 * its refresh token, and the replaced token's hash is remembered. A replaced token presented again means it leaked
 * (or the client is confused): the whole family is revoked, so neither the thief nor the owner can refresh any more,
 * and the owner must log in again. Access tokens already issued stay valid until they expire (at most 15 minutes).
 */
class RefreshTokenFamilies implements OAuth2AuthorizationService {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenFamilies.class);

    private final OAuth2AuthorizationService delegate;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AuditLog audit;
    private final MeterRegistry meters;

    RefreshTokenFamilies(OAuth2AuthorizationService delegate, JdbcClient jdbc, TransactionTemplate transactions,
                         Clock clock, AuditLog audit, MeterRegistry meters) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.audit = audit;
        this.meters = meters;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        transactions.executeWithoutResult(status -> {
            OAuth2Authorization.Token<OAuth2RefreshToken> next = authorization.getRefreshToken();
            if (next != null) {
                Optional.ofNullable(delegate.findById(authorization.getId()))
                        .map(OAuth2Authorization::getRefreshToken)
                        .map(previous -> previous.getToken().getTokenValue())
                        .filter(previous -> !previous.equals(next.getToken().getTokenValue()))
                        .ifPresent(previous -> jdbc.sql("""
                                        insert into oauth2_used_refresh_token (token_hash, authorization_id, used_at)
                                        values (?, ?, ?) on conflict do nothing""")
                                .params(hash(previous), authorization.getId(), Timestamp.from(clock.instant()))
                                .update());
            }
            delegate.save(authorization);
        });
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        delegate.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }

    /**
     * For refresh tokens inside a transaction ({@link RefreshSerialisation}), the row holding the token is locked
     * first, so concurrent refreshes of one token run one after the other; the later one then finds the token spent.
     */
    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (OAuth2TokenType.REFRESH_TOKEN.equals(tokenType)
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            jdbc.sql("select id from oauth2_authorization where refresh_token_value = ? for update").param(token)
                    .query(String.class).list();
        }
        OAuth2Authorization found = delegate.findByToken(token, tokenType);
        if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
            jdbc.sql("select authorization_id from oauth2_used_refresh_token where token_hash = ?").param(hash(token))
                    .query(String.class).optional().ifPresent(this::revokeFamily);
        }
        return found;
    }

    private void revokeFamily(String authorizationId) {
        transactions.executeWithoutResult(status -> {
            OAuth2Authorization family = delegate.findById(authorizationId);
            if (family == null) {
                return;
            }
            OAuth2Authorization.Builder revoked = OAuth2Authorization.from(family);
            if (family.getRefreshToken() != null) {
                revoked.invalidate(family.getRefreshToken().getToken());
            }
            if (family.getAccessToken() != null) {
                revoked.invalidate(family.getAccessToken().getToken());
            }
            delegate.save(revoked.build());
            audit.record("system", "refresh_token.reuse_detected", "user:" + family.getPrincipalName(), null,
                    Map.of("authorizationId", authorizationId, "clientId", family.getRegisteredClientId(),
                            "familyRevoked", true));
        });
        meters.counter("aifa_identity_refresh_token_reuse_total").increment();
        log.warn("A rotated refresh token was presented again; revoked its family (authorization {})", authorizationId);
    }

    /** Forgets used tokens older than a refresh token can live: presenting them fails anyway. */
    void forgetUsedTokensBefore(java.time.Instant cutoff) {
        jdbc.sql("delete from oauth2_used_refresh_token where used_at < ?").param(Timestamp.from(cutoff)).update();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
