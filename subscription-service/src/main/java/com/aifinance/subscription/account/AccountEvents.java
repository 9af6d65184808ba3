package com.aifinance.subscription.account;

import java.util.UUID;

/** In-process events other features react to, published inside the transaction of the change. */
public final class AccountEvents {

    private AccountEvents() {
    }

    /** The owner proved the e-mail address: the account may log in, and a legacy subscriber record can be linked. */
    public record EmailVerified(UUID userId, String email) {
    }

    /** The password was reset: sessions and refresh tokens issued before must stop working. */
    public record PasswordReset(UUID userId) {
    }
}
