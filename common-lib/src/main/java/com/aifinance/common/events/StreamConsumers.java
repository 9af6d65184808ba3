package com.aifinance.common.events;

import java.util.List;

import org.springframework.context.SmartLifecycle;

/** Runs one worker per {@link EventSubscription} bean for as long as the application runs. */
public class StreamConsumers implements SmartLifecycle {

    private final List<StreamWorker> workers;
    private volatile boolean running;

    StreamConsumers(List<StreamWorker> workers) {
        this.workers = workers;
    }

    @Override
    public void start() {
        workers.forEach(StreamWorker::start);
        running = true;
    }

    @Override
    public void stop() {
        workers.forEach(StreamWorker::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
