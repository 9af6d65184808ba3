package com.aifinance.subscription.testing;

import java.util.List;
import java.util.UUID;

import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Registration;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Creates verified users with unique addresses, so tests sharing a database never collide. */
public final class TestUsers {

    public static final String PASSWORD = "correct horse battery staple 42";

    private TestUsers() {
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static Account verified(Registration registration, PasswordEncoder encoder, String prefix, String... roles) {
        return registration.createVerified(uniqueEmail(prefix), encoder.encode(PASSWORD),
                roles.length == 0 ? List.of("subscriber") : List.of(roles));
    }
}
