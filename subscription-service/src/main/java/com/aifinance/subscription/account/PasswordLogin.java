package com.aifinance.subscription.account;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks an e-mail and password. The resulting authentication's name is the user's id (the tokens' {@code sub}) and
 * its factor authorities say how the user proved who they are ({@code FACTOR_PASSWORD}). Unknown e-mails cost the same bcrypt
 * comparison as known ones and fail with the same message; a locked account is refused before its password is
 * checked, so guessing goes nowhere while the lock lasts.
 */
@Component
public class PasswordLogin implements AuthenticationProvider {

    /** The authentication methods ({@code amr} values) and the Spring Security factor authorities that record them. */
    private static final Map<String, String> FACTORS = Map.of(
            "pwd", FactorGrantedAuthority.PASSWORD_AUTHORITY,
            "otp", "FACTOR_TOTP",
            "federated", "FACTOR_FEDERATED");

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final LoginProtection protection;
    private final Clock clock;
    private final String dummyHash;

    PasswordLogin(Accounts accounts, PasswordEncoder passwords, LoginProtection protection, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.protection = protection;
        this.clock = clock;
        this.dummyHash = passwords.encode("not-a-real-password-used-to-equalise-timing");
    }

    /**
     * The authentication of a user who proved themselves by {@code methods} ({@code pwd}, {@code otp},
     * {@code federated}) at {@code at}: its name is the user id, and each method is a factor authority.
     */
    public static Authentication authenticated(Account account, List<String> methods, Instant at) {
        List<GrantedAuthority> authorities = methods.stream()
                .map(method -> (GrantedAuthority) FactorGrantedAuthority.withAuthority(FACTORS.get(method))
                        .issuedAt(at).build())
                .toList();
        User principal = new User(account.id().toString(), "", authorities);
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
    }

    /** The {@code amr} values an authentication proves, in a stable order. */
    public static List<String> methods(Authentication authentication) {
        List<String> methods = new ArrayList<>();
        for (String method : List.of("pwd", "federated", "otp")) {
            boolean proven = authentication.getAuthorities().stream()
                    .anyMatch(authority -> FACTORS.get(method).equals(authority.getAuthority()));
            if (proven) {
                methods.add(method);
            }
        }
        return methods;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String email = String.valueOf(authentication.getName());
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        Account account = accounts.byEmail(email).orElse(null);
        if (account == null || account.passwordHash() == null) {
            passwords.matches(password, dummyHash);
            throw new BadCredentialsException("Invalid e-mail or password.");
        }
        if (account.lockedAt(clock.instant())) {
            throw new LockedException("This account is locked after repeated failed logins.");
        }
        if (!passwords.matches(password, account.passwordHash())) {
            if (protection.recordFailure(account, address)) {
                throw new LockedException("This account is locked after repeated failed logins.");
            }
            throw new BadCredentialsException("Invalid e-mail or password.");
        }
        if (!account.emailVerified()) {
            throw new DisabledException("Verify your e-mail address first.");
        }
        protection.recordSuccess(account, address);
        return authenticated(account, List.of("pwd"), clock.instant());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
