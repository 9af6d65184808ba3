package com.aifinance.common.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * When the local platform launcher started this service ({@code AIFA_PARENT_PID} set), stops the service if the
 * launcher dies without stopping it (killed with SIGKILL, say), so no orphan keeps its port.
 */
public class ParentProcessWatchdog implements ApplicationListener<ApplicationStartedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatchdog.class);

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        String parentPid = System.getenv("AIFA_PARENT_PID");
        if (parentPid == null || parentPid.isBlank()) {
            return;
        }
        ProcessHandle.of(Long.parseLong(parentPid.strip())).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> stop(event.getApplicationContext())),
                () -> stop(event.getApplicationContext()));
    }

    private static void stop(ConfigurableApplicationContext context) {
        log.warn("The local platform launcher is gone; stopping this service");
        Thread.ofPlatform().start(() -> System.exit(org.springframework.boot.SpringApplication.exit(context)));
    }
}
