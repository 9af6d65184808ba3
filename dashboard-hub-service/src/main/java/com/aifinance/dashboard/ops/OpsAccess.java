package com.aifinance.dashboard.ops;

import com.aifinance.dashboard.platform.CurrentUser;
import com.aifinance.dashboard.platform.Problem;
import com.aifinance.dashboard.platform.Reply;
import com.aifinance.dashboard.platform.Users;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** The ops hub is for the ops role only, checked again on the current token (roles may change at a refresh). */
@Component
class OpsAccess {

    private final Users users;

    OpsAccess(Users users) {
        this.users = users;
    }

    CurrentUser ops() {
        CurrentUser user = users.current();
        if (!user.isOps()) {
            throw new AccessDeniedException("The ops hub is for the operations team.");
        }
        return user;
    }

    static String failure(Reply<?> reply) {
        if (reply instanceof Reply.Refused<?>(Problem problem)) {
            return problem.message();
        }
        return "The service is not answering, so nothing was changed. Please try again in a minute.";
    }
}
