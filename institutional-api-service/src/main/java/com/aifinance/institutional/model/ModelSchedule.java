package com.aifinance.institutional.model;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Retrains families whose data grew, every {@code aifa.model.retrain-interval}. */
@Component
@ConditionalOnProperty(prefix = "aifa.jobs", name = "enabled", matchIfMissing = true)
class ModelSchedule {

    private final ModelTraining training;

    ModelSchedule(ModelTraining training) {
        this.training = training;
    }

    @Scheduled(fixedDelayString = "${aifa.model.retrain-interval:6h}", initialDelayString = "${aifa.model.retrain-interval:6h}")
    void retrain() {
        training.retrainStale();
    }
}
