package com.aifinance.enterprise.organisation;

import java.net.URI;
import java.util.Map;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import org.springframework.http.HttpStatus;

/** The problems of organisations, seats and invitations (docs/enterprise.md lists them). */
final class OrganisationProblems {

    static final URI SEAT_LIMIT_REACHED = ProblemTypes.of("seat-limit-reached");
    static final URI INVITATION_EXPIRED = ProblemTypes.of("invitation-expired");
    static final URI INVITATION_REVOKED = ProblemTypes.of("invitation-revoked");
    static final URI INVITATION_USED = ProblemTypes.of("invitation-used");
    static final URI INVITATION_EMAIL_MISMATCH = ProblemTypes.of("invitation-email-mismatch");
    static final URI ALREADY_A_MEMBER = ProblemTypes.of("already-a-member");
    static final URI LAST_OWNER = ProblemTypes.of("last-owner");

    private OrganisationProblems() {
    }

    static ApiProblem seatLimitReached(int limit, int used) {
        return new ApiProblem(HttpStatus.CONFLICT, SEAT_LIMIT_REACHED, "Seat limit reached",
                "All " + limit + " seats are taken (members and open invitations); remove a member, revoke an "
                        + "invitation or raise the seat limit.", Map.of("seatLimit", limit, "seatsUsed", used));
    }

    static ApiProblem lastOwner() {
        return new ApiProblem(HttpStatus.CONFLICT, LAST_OWNER, "Last owner",
                "An organisation keeps at least one owner; make someone else owner first.");
    }
}
