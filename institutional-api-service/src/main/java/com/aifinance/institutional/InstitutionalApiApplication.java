package com.aifinance.institutional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Market data, the AI signal engine, accuracy reporting and the /v1 institutional API. */
@SpringBootApplication
public class InstitutionalApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(InstitutionalApiApplication.class, args);
    }
}
