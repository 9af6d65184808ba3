package com.aifinance.subscription.authserver;

import java.util.Map;

import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Registration;
import com.aifinance.subscription.testing.Browser;
import com.aifinance.subscription.testing.ServiceTest;
import com.aifinance.subscription.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/** Login sessions live in Redis, where every instance of the service finds them. */
@ServiceTest
class LoginSessionsTest {

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    FindByIndexNameSessionRepository<? extends Session> sessions;

    @Autowired
    RedisConnectionFactory redis;

    @Test
    void aLoginSessionIsInRedisWhereAnotherInstanceReadsItAndEndingItThereLogsTheUserOut() {
        Account user = TestUsers.verified(registration, encoder, "session");
        Browser browser = new Browser(port);
        browser.get("/login");
        browser.post("/login", Map.of("username", user.email(), "password", TestUsers.PASSWORD));
        assertThat(browser.get("/login/account").statusCode()).isEqualTo(200);

        String sessionId = sessions.findByPrincipalName(user.id().toString()).keySet().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no session indexed under the user's id"));

        // a second instance: its own repository over the same Redis, nothing shared in memory
        RedisIndexedSessionRepository otherInstance = otherInstance();
        Session seen = otherInstance.findById(sessionId);
        assertThat(seen).isNotNull();
        SecurityContext context = seen.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        assertThat(context.getAuthentication().getName()).isEqualTo(user.id().toString());

        otherInstance.deleteById(sessionId);
        assertThat(browser.get("/login/account").statusCode()).as("logged out everywhere").isEqualTo(302);
    }

    private RedisIndexedSessionRepository otherInstance() {
        RedisTemplate<String, Object> template = new RedisTemplate<>();
        template.setConnectionFactory(redis);
        template.setKeySerializer(RedisSerializer.string());
        template.setHashKeySerializer(RedisSerializer.string());
        template.setBeanClassLoader(getClass().getClassLoader());
        template.afterPropertiesSet();
        RedisIndexedSessionRepository repository = new RedisIndexedSessionRepository(template);
        repository.setRedisKeyNamespace("aifa:subscription:session");
        return repository;
    }
}
