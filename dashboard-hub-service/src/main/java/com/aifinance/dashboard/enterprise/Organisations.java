package com.aifinance.dashboard.enterprise;

import com.aifinance.dashboard.platform.CurrentUser;
import com.aifinance.dashboard.platform.Problem;
import com.aifinance.dashboard.platform.Reply;
import com.aifinance.dashboard.platform.Users;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** The organisation a page acts on: always the signed-in user's own (from their token), never one named by the page. */
@Component
class Organisations {

    private final Users users;

    Organisations(Users users) {
        this.users = users;
    }

    CurrentUser member() {
        CurrentUser user = users.current();
        if (!user.isOrganisationMember()) {
            throw new AccessDeniedException("The enterprise dashboard is for members of an organisation.");
        }
        return user;
    }

    CurrentUser admin() {
        CurrentUser user = member();
        if (!user.isOrganisationAdmin()) {
            throw new AccessDeniedException("Only the organisation's owners and admins can do this.");
        }
        return user;
    }

    /** A sentence for a refused or failed action, in the words of the enterprise pages. */
    static String failure(Reply<?> reply) {
        if (reply instanceof Reply.Refused<?>(Problem problem)) {
            return switch (problem.slug()) {
                case "seat-limit-reached" -> "Every seat is taken (members and open invitations count). Remove a "
                        + "member, withdraw an invitation, or ask your account manager for more seats.";
                case "already-a-member" -> "That address already has a seat in an organisation.";
                case "last-owner" -> "The organisation needs at least one owner: make someone else owner first.";
                case "contract-required" -> "API clients need a contract in force.";
                case "forbidden" -> "Your role does not allow this.";
                default -> problem.message();
            };
        }
        return "The enterprise service is not answering, so nothing was changed. Please try again in a minute.";
    }
}
