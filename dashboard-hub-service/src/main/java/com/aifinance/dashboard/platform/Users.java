package com.aifinance.dashboard.platform;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/** Who is signed in on the current request. */
@Component
public class Users {

    private final UserTokens tokens;

    Users(UserTokens tokens) {
        this.tokens = tokens;
    }

    /** The signed-in user with fresh claims (refreshing the access token when due). */
    public CurrentUser current() {
        OidcUser user = oidcUser().orElseThrow(() -> new SessionExpiredException("not signed in"));
        return new CurrentUser(user.getSubject(), user.getEmail(), tokens.current().claims());
    }

    /**
     * The signed-in user after refreshing the access token now, for claims that changed at the authorization server
     * (the {@code tier} once a checkout is paid) rather than at the next scheduled refresh.
     */
    public CurrentUser refreshed() {
        OidcUser user = oidcUser().orElseThrow(() -> new SessionExpiredException("not signed in"));
        return new CurrentUser(user.getSubject(), user.getEmail(), tokens.refreshNow().claims());
    }

    /** The signed-in user for page chrome, without refreshing tokens; empty when nobody is signed in. */
    public Optional<CurrentUser> peek(HttpServletRequest request) {
        return oidcUser().flatMap(user -> tokens.peekClaims(request)
                .map(claims -> new CurrentUser(user.getSubject(), user.getEmail(), claims)));
    }

    private static Optional<OidcUser> oidcUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof OidcUser user
                ? Optional.of(user) : Optional.empty();
    }
}
