package org.vmstation.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dependencies point toward vm-engine: the engine knows no module of ours and no JavaFX. */
class ModuleBoundariesTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.vmstation");
    }

    @Test
    void engineDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("org.vmstation.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.vmstation.app..", "org.vmstation.graphics..", "org.vmstation.usb..")
                .check(classes);
    }

    @Test
    void engineUsesNoJavaFx() {
        noClasses().that().resideInAPackage("org.vmstation.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(classes);
    }

    @Test
    void graphicsDoesNotReachIntoTheApp() {
        noClasses().that().resideInAPackage("org.vmstation.graphics..")
                .should().dependOnClassesThat().resideInAnyPackage("org.vmstation.app..")
                .check(classes);
    }

    @Test
    void commandLineStartsWithoutJavaFx() {
        noClasses().that().resideInAPackage("org.vmstation.app.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(classes);
    }
}
