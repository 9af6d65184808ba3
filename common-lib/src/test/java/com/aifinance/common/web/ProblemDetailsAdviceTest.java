package com.aifinance.common.web;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemDetailsAdviceTest {

    @RestController
    static class Failing {
        @GetMapping("/fail/{what}")
        String fail(@PathVariable String what) {
            throw switch (what) {
                case "redis-timeout" -> new QueryTimeoutException("Redis command timed out");
                case "redis-down" -> new RedisConnectionFailureException("Unable to connect to Redis");
                case "no-connection" -> new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection");
                case "no-transaction" -> new CannotCreateTransactionException("Could not open JDBC Connection");
                default -> new DataIntegrityViolationException("duplicate key");
            };
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new ProblemDetailsAdvice()).build();

    @Test
    void aDependencyThatDoesNotAnswerIsA503WithRetryAfterNotA500() throws Exception {
        for (String what : new String[] {"redis-timeout", "redis-down", "no-connection", "no-transaction"}) {
            mvc.perform(get("/fail/" + what))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "5"))
                    .andExpect(jsonPath("$.type").value("tag:aifinance.agency,2026:problems/service-unavailable"))
                    .andExpect(jsonPath("$.status").value(503));
        }
    }

    @Test
    void aBugIsStillA500WithAnErrorId() throws Exception {
        mvc.perform(get("/fail/integrity"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.errorId").exists());
    }
}
