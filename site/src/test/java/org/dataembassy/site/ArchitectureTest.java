package org.dataembassy.site;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module boundaries of CONVENTIONS.md, checked on the production classes of every module (the
 * site application sees them all).
 */
@AnalyzeClasses(packages = "org.dataembassy", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule bouncyCastleIsUsedOnlyByTheRuntimeCryptoPackage =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.dataembassy.runtime.crypto..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.bouncycastle..")
          .because("key material and certificates are handled in one place: runtime.crypto");

  @ArchTest
  static final ArchRule servicesDoNotDependOnFailover =
      noClasses()
          .that()
          .resideInAPackage("org.dataembassy.services..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.dataembassy.failover..")
          .because("services read the control plane's contract in the runtime, not its internals");

  /** DNS answers from the runtime's small ControlPlane contract, never from Raft or a service. */
  @ArchTest
  static final ArchRule dnsDependsOnlyOnTheRuntime =
      noClasses()
          .that()
          .resideInAPackage("org.dataembassy.dns..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.dataembassy.services..", "org.dataembassy.failover..");

  @ArchTest
  static final ArchRule runtimeDependsOnNoOtherModule =
      noClasses()
          .that()
          .resideInAPackage("org.dataembassy.runtime..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.dataembassy.services..",
              "org.dataembassy.failover..",
              "org.dataembassy.dns..",
              "org.dataembassy.site..")
          .because("every other module builds on the runtime, never the other way round");

  @ArchTest
  static final ArchRule infinispanIsUsedOnlyByTheRuntimeReplicationPackage =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.dataembassy.runtime.replication..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.infinispan..")
          .because("cross-site replication is an implementation detail of runtime.replication");
}
