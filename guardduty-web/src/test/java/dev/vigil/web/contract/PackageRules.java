package dev.vigil.web.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The package rules every service keeps (STYLE.md, "rest -> service -> repository, never back"), checked with
 * ArchUnit on the service's production classes. A service runs them as {@code class PackageRulesTest extends
 * PackageRules} naming its base package; plain JUnit, no application started.
 * <ul>
 *   <li>no cycle between the service's top-level packages ({@code rest} with {@code rest.dto}, {@code service},
 *       {@code repository}, {@code messaging}, ...): each package can be read knowing only those below it;</li>
 *   <li>{@code service} never uses {@code rest} (services return domain values; the REST layer maps them to DTOs);</li>
 *   <li>{@code repository} never uses {@code service}, {@code rest} or {@code messaging}.</li>
 * </ul>
 */
public abstract class PackageRules {

    /** The service's base package, e.g. {@code dev.vigil.accounts}. */
    protected abstract String basePackage();

    /** Imported classes by base package: one import per test class. */
    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    static {
        // the rules are about the service's own packages: classes outside them need not be read from the class path
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    private JavaClasses classes() {
        return IMPORTED.computeIfAbsent(basePackage(), p -> new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(p));
    }

    @Test
    public void noCycleBetweenPackages() {
        slices().matching(basePackage() + ".(*)..").should().beFreeOfCycles().check(classes());
    }

    @Test
    public void servicesDoNotUseTheRestLayer() {
        noClasses().that().resideInAPackage(basePackage() + ".service..").should().dependOnClassesThat()
                .resideInAPackage(basePackage() + ".rest..").allowEmptyShould(true).check(classes());
    }

    @Test
    public void repositoriesUseNothingAboveThem() {
        noClasses().that().resideInAPackage(basePackage() + ".repository..").should().dependOnClassesThat()
                .resideInAnyPackage(basePackage() + ".service..", basePackage() + ".rest..", basePackage() + ".messaging..")
                .allowEmptyShould(true).check(classes());
    }
}
