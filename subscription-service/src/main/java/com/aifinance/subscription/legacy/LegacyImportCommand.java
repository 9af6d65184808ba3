package com.aifinance.subscription.legacy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar subscription-service.jar --import-legacy=/path/old.db [--import-legacy=/path/other.db]}: imports
 * each database, prints its report, and exits with 0 when every import is consistent, 1 otherwise (2 when a database
 * cannot be read). The service starts without its web server for this (see {@code SubscriptionApplication}).
 */
@Component
class LegacyImportCommand implements ApplicationRunner {

    static final String OPTION = "import-legacy";

    private final LegacyImport importer;
    private final ConfigurableApplicationContext context;
    private final PrintStream out;

    LegacyImportCommand(LegacyImport importer, ConfigurableApplicationContext context) {
        this.importer = importer;
        this.context = context;
        this.out = System.out;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> databases = args.getOptionValues(OPTION);
        if (databases == null) {
            return;
        }
        int code = 0;
        for (String database : databases) {
            try {
                ImportReport report = importer.run(Path.of(database));
                out.print(report.render());
                if (!report.consistent()) {
                    code = Math.max(code, 1);
                }
            } catch (RuntimeException e) {
                out.println("Legacy import of " + database + " failed: " + e.getMessage());
                code = 2;
            }
        }
        int exit = code;
        System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> exit));
    }
}
