package com.aifinance.subscription.lifecycle;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleTest {

    /**
     * Every state × action, written out by hand: the state it leads to, or "-" when refused. A change to the state
     * machine must change this table too.
     */
    private static final String EXPECTED = """
            action              trialing  active    past_due  canceled  expired
            activate            active    active    active    -         -
            mark_past_due       past_due  past_due  past_due  -         -
            cancel              canceled  canceled  canceled  -         -
            expire              expired   expired   expired   -         -
            reactivate          -         -         -         active    active
            schedule_cancel     trialing  active    -         -         -
            undo_cancel         trialing  active    -         -         -
            upgrade             trialing  active    -         -         -
            schedule_downgrade  trialing  active    -         -         -
            apply_downgrade     -         active    -         -         -
            """;

    @Test
    void everyStateAndActionPairFollowsTheTable() {
        String[] lines = EXPECTED.strip().split("\n");
        String[] states = lines[0].trim().split("\\s+");
        Map<String, String> expected = new HashMap<>();
        for (int line = 1; line < lines.length; line++) {
            String[] cells = lines[line].trim().split("\\s+");
            for (int column = 1; column < cells.length; column++) {
                expected.put(cells[0] + "@" + states[column], cells[column]);
            }
        }
        assertThat(expected).hasSize(Status.values().length * Action.values().length);
        for (Status from : Status.values()) {
            for (Action action : Action.values()) {
                Optional<Status> next = Lifecycle.next(from, action);
                assertThat(next.map(Status::value).orElse("-"))
                        .as("%s from %s", action.value(), from.value())
                        .isEqualTo(expected.get(action.value() + "@" + from.value()));
            }
        }
    }

    @Test
    void endedSubscriptionsOnlyComeBackByReactivation() {
        for (Status ended : new Status[] {Status.CANCELED, Status.EXPIRED}) {
            assertThat(Arrays.stream(Action.values()).filter(action -> Lifecycle.next(ended, action).isPresent()))
                    .containsExactly(Action.REACTIVATE);
        }
    }
}
