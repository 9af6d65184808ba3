package com.aifinance.monitoring;

import com.aifinance.common.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void codeIsPackagedByFeatureWithoutCyclesAndWithoutOtherServicesCode() {
        ArchitectureRules.check("monitoring");
    }
}
