package com.aifinance.enterprise.allowlist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import com.aifinance.enterprise.network.Cidr;
import org.springframework.http.HttpStatus;

/**
 * Turns what an administrator typed into a list the gateway can enforce: every range valid and canonical, no range
 * inside another (an overlap is almost always a typo, and hides which entry really grants access).
 */
final class AllowlistRules {

    static final int MAX_ENTRIES = 500;

    private AllowlistRules() {
    }

    record Parsed(Cidr cidr, String label) {
    }

    /** @throws ApiProblem a validation problem listing every bad or overlapping entry */
    static List<Parsed> parse(List<AllowlistRequests.Entry> entries) {
        List<Map<String, String>> errors = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                parsed.add(new Parsed(Cidr.parse(entries.get(i).cidr()), blankToNull(entries.get(i).label())));
                positions.add(i);
            } catch (IllegalArgumentException e) {
                errors.add(Map.of("field", "entries[" + i + "].cidr", "message", e.getMessage()));
            }
        }
        for (int a = 0; a < parsed.size(); a++) {
            for (int b = a + 1; b < parsed.size(); b++) {
                Cidr first = parsed.get(a).cidr();
                Cidr second = parsed.get(b).cidr();
                if (first.overlaps(second)) {
                    String message = first.equals(second) ? "duplicates entries[" + positions.get(a) + "] (" + first + ")"
                            : "overlaps entries[" + positions.get(a) + "] (" + first + " and " + second
                            + " share addresses); keep only the wider range";
                    errors.add(Map.of("field", "entries[" + positions.get(b) + "].cidr", "message", message));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                    "The allowlist has " + errors.size() + " invalid entr" + (errors.size() == 1 ? "y" : "ies") + ".",
                    Map.of("errors", errors));
        }
        return parsed;
    }

    private static String blankToNull(String label) {
        return label == null || label.isBlank() ? null : label.strip();
    }
}
