package org.ganzhi;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package structure, checked on the production classes' bytecode (imports, calls, fields,
 * signatures): a ground floor that every stage may use and that uses no stage, the stages, and the
 * command line on top. Without it, one convenient import (a stage's constant in the catalog)
 * quietly ties the whole ground floor to that stage.
 */
@AnalyzeClasses(packages = "org.ganzhi", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /**
     * Ground (the ganzhi-core module): names, configuration, the catalog, pseudonymisation and the
     * generator's contract, which every stage builds on. Stages: one package per command or step of
     * the nightly run; they may use one another (publish reads perception's settings), never cli.
     * The generator (its own module) stands beside the stages on the ground and nothing uses it: the
     * command line finds it on the class path. Every class of org.ganzhi must be in a layer, so a new
     * package has to be placed here rather than slip past the rule.
     */
    @ArchTest
    static final ArchRule GROUND_USES_NO_STAGE_AND_NOTHING_USES_CLI = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Ground").definedBy("org.ganzhi.common..", "org.ganzhi.config..", "org.ganzhi.catalog..",
                    "org.ganzhi.privacy..", "org.ganzhi.sample..")
            .layer("Stages").definedBy("org.ganzhi.ingest..", "org.ganzhi.features..", "org.ganzhi.personas..",
                    "org.ganzhi.perception..", "org.ganzhi.calibrate..", "org.ganzhi.publish..", "org.ganzhi.text..",
                    "org.ganzhi.validate..", "org.ganzhi.upkeep..", "org.ganzhi.sql..", "org.ganzhi.ops..")
            .layer("Generator").definedBy("org.ganzhi.generate..")
            .layer("Cli").definedBy("org.ganzhi.cli..")
            .whereLayer("Ground").mayNotAccessAnyLayer()
            .whereLayer("Stages").mayOnlyAccessLayers("Ground")
            .whereLayer("Generator").mayOnlyAccessLayers("Ground")
            .whereLayer("Generator").mayNotBeAccessedByAnyLayer()
            .ensureAllClassesAreContainedInArchitecture();

    /**
     * No two top-level packages depend on each other, directly or round a longer loop, within the
     * ground floor and among the stages too: each can then be read, and changed, on top of the ones
     * it uses.
     */
    @ArchTest
    static final ArchRule TOP_LEVEL_PACKAGES_ARE_FREE_OF_CYCLES = slices().matching("org.ganzhi.(*)..")
            .should().beFreeOfCycles();
}
