package dev.vigil.ingest;

import dev.vigil.web.contract.PackageRules;

/** ingest-service's packages keep the shared rules ({@link PackageRules}): no cycles, rest -> service, never back. */
class PackageRulesTest extends PackageRules {

    @Override
    protected String basePackage() {
        return "dev.vigil.ingest";
    }
}
