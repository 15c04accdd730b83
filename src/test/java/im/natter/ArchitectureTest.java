package im.natter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layer rules: domain <- (xmpp, archive, platform, settings) <- service <- ui, wired only in app.
 * Each adapter layer is the only one that sees its technology.
 */
@AnalyzeClasses(packages = "im.natter", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String DOMAIN = "im.natter.domain..";
    private static final String XMPP = "im.natter.xmpp..";
    private static final String ARCHIVE = "im.natter.archive..";
    private static final String PLATFORM = "im.natter.platform..";
    private static final String SETTINGS = "im.natter.settings..";
    private static final String SERVICE = "im.natter.service..";
    private static final String UI = "im.natter.ui..";
    private static final String APP = "im.natter.app..";

    @ArchTest
    static final ArchRule domainDependsOnNothing = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(XMPP, ARCHIVE, PLATFORM, SETTINGS, SERVICE, UI, APP,
                    "javafx..", "org.jivesoftware..", "org.jxmpp..", "org.minidns..", "java.sql..", "org.sqlite..",
                    "tools.jackson..", "com.fasterxml..", "org.freedesktop..", "com.sun.jna..", "net.harawata..");

    @ArchTest
    static final ArchRule onlyXmppSeesSmack = noClasses().that().resideOutsideOfPackage(XMPP)
            .should().dependOnClassesThat().resideInAnyPackage("org.jivesoftware..", "org.jxmpp..", "org.minidns..");

    @ArchTest
    static final ArchRule onlyArchiveSeesJdbc = noClasses().that().resideOutsideOfPackage(ARCHIVE)
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..");

    @ArchTest
    static final ArchRule onlySettingsSeesJackson = noClasses().that().resideOutsideOfPackage(SETTINGS)
            .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule onlyPlatformSeesOsIntegration = noClasses().that().resideOutsideOfPackage(PLATFORM)
            .should().dependOnClassesThat().resideInAnyPackage("org.freedesktop..", "com.sun.jna..", "net.harawata..");

    @ArchTest
    static final ArchRule adaptersDoNotSeeEachOtherOrAbove = slices().matching("im.natter.(xmpp|archive|platform|settings)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule adaptersDoNotSeeServicesOrUi = noClasses().that()
            .resideInAnyPackage(XMPP, ARCHIVE, PLATFORM, SETTINGS)
            .should().dependOnClassesThat().resideInAnyPackage(SERVICE, UI, APP);

    @ArchTest
    static final ArchRule servicesSeeOnlyDomain = noClasses().that().resideInAPackage(SERVICE)
            .should().dependOnClassesThat().resideInAnyPackage(XMPP, ARCHIVE, PLATFORM, SETTINGS, UI, APP);

    @ArchTest
    static final ArchRule noJavaFxBelowUi = noClasses().that()
            .resideInAnyPackage(DOMAIN, XMPP, ARCHIVE, PLATFORM, SETTINGS, SERVICE)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..");

    @ArchTest
    static final ArchRule uiSeesNoAdapters = noClasses().that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAnyPackage(XMPP, ARCHIVE, PLATFORM, SETTINGS, APP);

    @ArchTest
    static final ArchRule viewModelsNeverTouchNodes = noClasses().that().resideInAPackage(UI)
            .and().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..");

    @ArchTest
    static final ArchRule viewsNeverTouchServices = noClasses().that().resideInAPackage(UI)
            .and().haveNameMatching(".*(View|Dialog|Cell|Window|Picker|Bar|Pane|Sheet)(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage(SERVICE)
            .orShould().dependOnClassesThat().haveFullyQualifiedName("im.natter.ui.UiServices");
}
