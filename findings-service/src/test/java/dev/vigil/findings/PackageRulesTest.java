package dev.vigil.findings;

import dev.vigil.web.contract.PackageRules;

/** findings-service's packages keep the shared rules ({@link PackageRules}): no cycles, rest -> service -> repository. */
class PackageRulesTest extends PackageRules {

    @Override
    protected String basePackage() {
        return "dev.vigil.findings";
    }
}
