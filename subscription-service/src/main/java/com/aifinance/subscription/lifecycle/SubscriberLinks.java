package com.aifinance.subscription.lifecycle;

import com.aifinance.subscription.account.AccountEvents;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A verified address proves ownership of the legacy subscriber record with that address: link them. */
@Component
class SubscriberLinks {

    private final JdbcClient jdbc;

    SubscriberLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void emailVerified(AccountEvents.EmailVerified verified) {
        jdbc.sql("update subscribers set user_id = ? where email = ? and user_id is null")
                .params(verified.userId(), verified.email()).update();
    }
}
