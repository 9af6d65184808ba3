package com.aifinance.common.testsupport;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The platform's package rules, checked by every module's architecture test: package by feature (no layer
 * packages), no cycles between feature packages, and no dependency on another service's code.
 */
public final class ArchitectureRules {

    private static final List<String> SERVICES = List.of("gateway", "subscription", "billing", "enterprise",
            "institutional", "analytics", "queuemonitor", "monitoring", "dashboard");

    private ArchitectureRules() {
    }

    /** Checks every rule against the production classes under {@code com.aifinance.<service>}. */
    public static void check(String service) {
        String basePackage = "com.aifinance." + service;
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        packagedByFeature(basePackage).check(classes);
        noCyclesBetweenFeatures(basePackage).check(classes);
        for (String other : SERVICES) {
            if (!other.equals(service)) {
                noDependencyOn(basePackage, "com.aifinance." + other).check(classes);
            }
        }
    }

    static ArchRule packagedByFeature(String basePackage) {
        return noClasses().should().resideInAnyPackage(
                        basePackage + "..controller..", basePackage + "..controllers..",
                        basePackage + "..service..", basePackage + "..services..",
                        basePackage + "..repository..", basePackage + "..repositories..",
                        basePackage + "..dto..", basePackage + "..entity..", basePackage + "..entities..",
                        basePackage + "..impl..", basePackage + "..util..", basePackage + "..utils..")
                .because("code is packaged by feature, not by layer")
                .allowEmptyShould(true);
    }

    static ArchRule noCyclesBetweenFeatures(String basePackage) {
        return slices().matching(basePackage + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);
    }

    static ArchRule noDependencyOn(String basePackage, String otherServicePackage) {
        return noClasses().that().resideInAPackage(basePackage + "..")
                .should().dependOnClassesThat().resideInAPackage(otherServicePackage + "..")
                .because("services share only common-lib; they talk through APIs and events")
                .allowEmptyShould(true);
    }
}
