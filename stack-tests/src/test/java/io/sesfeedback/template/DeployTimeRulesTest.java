package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.SamTranslation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real deploy refuses and moto, cfn-lint and the SAM translator accept, checked on the
 * translated template for every environment in samconfig.toml, each alone and with the feature
 * combinations docs/deploy.md offers.
 */
@Tag("sam-translator")
class DeployTimeRulesTest {

    private static final Path TEMPLATE = Path.of("template.yaml");
    private static final Path LAST_RELEASE =
            Path.of("stack-tests/src/test/resources/io/sesfeedback/template/last-release");
    private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1");

    /**
     * The parameter sets docs/deploy.md offers, on top of each environment's own, with every name
     * at its longest.
     */
    private static final Map<String, Map<String, String>> COMBINATIONS =
            Map.of(
                    "samconfig.toml alone", Map.of(),
                    "every feature on, breaker on a configuration set",
                            Map.ofEntries(
                                    Map.entry("AlarmEmail", "ops@example.com"),
                                    Map.entry("ConfigurationSetName", "c".repeat(64)),
                                    Map.entry("ConfigurationSetDestination", "Both"),
                                    Map.entry("AutoPause", "ConfigurationSet"),
                                    Map.entry("AutoPauseTenants", "Enabled"),
                                    Map.entry(
                                            "NotifiedIdentities", "example.com,sender@example.org"),
                                    Map.entry("DeliveryNotifications", "Enabled"),
                                    Map.entry("EmailForwarding", "Disabled"),
                                    Map.entry("EncryptionKey", "CustomerManaged"),
                                    Map.entry("MaskAddressesInLogs", "Enabled"),
                                    Map.entry("SlackWorkspaceId", "T0123ABCD"),
                                    Map.entry("SlackChannelId", "C0123ABCD"),
                                    Map.entry(
                                            "TeamsTenantId",
                                            "00000000-0000-0000-0000-000000000000"),
                                    Map.entry(
                                            "TeamsTeamId", "00000000-0000-0000-0000-000000000000"),
                                    Map.entry(
                                            "TeamsChannelId",
                                            "19%3a0123456789abcdef%40thread.tacv2")),
                    "breaker on the account", Map.of("AutoPause", "Account"),
                    "breaker on tenants alone, the account watch off",
                            Map.of("AutoPauseTenants", "Enabled", "AccountWatch", "Disabled"),
                    "a member of a hub",
                            Map.of(
                                    "Mode",
                                    "Member",
                                    "HubEventBusArn",
                                    "arn:aws:events:eu-west-1:111111111111:event-bus/"
                                            + "h".repeat(200)),
                    // docs/deploy.md: ten ACCOUNT=prod pairs fit the recorder's version Description
                    "a hub of ten members",
                            Map.of(
                                    "Mode",
                                    "Hub",
                                    "OrganizationId",
                                    "o-" + "o".repeat(32),
                                    "MemberEnvironments",
                                    String.join(
                                            ",",
                                            java.util.stream.IntStream.range(10, 20)
                                                    .mapToObj(n -> "1111111111" + n + "=prod")
                                                    .toList())),
                    "events through EventBridge alone",
                            Map.of(
                                    "ConfigurationSetName",
                                    "c".repeat(64),
                                    "ConfigurationSetDestination",
                                    "EventBridge"),
                    "watch, guard and snapshots off",
                            Map.of(
                                    "AccountWatch",
                                    "Disabled",
                                    "BlockedRecipientDomains",
                                    "none",
                                    "SnapStart",
                                    "Disabled",
                                    "EarlyComplaintAlarm",
                                    "Disabled",
                                    "StatusEvents",
                                    "Disabled"));

    private static SamConfigFile samConfig;
    private static CloudFormationTemplate raw;
    private static final Map<String, SamTranslation> TRANSLATED = new LinkedHashMap<>();
    private static int longestStackName;

    @BeforeAll
    static void translateEveryEnvironment() throws Exception {
        samConfig = SamConfigFile.read(Path.of("samconfig.toml"));
        raw = CloudFormationTemplate.load(TEMPLATE);
        for (String environment : samConfig.environments()) {
            TRANSLATED.put(
                    environment,
                    SamTranslation.of(TEMPLATE, samConfig.parameterOverrides(environment)));
        }
        longestStackName = statedLongestStackName();
    }

    @Test
    void everyEnvironmentAcknowledgesTheCapabilitiesItsTemplateNeeds() {
        assertThat(samConfig.environments()).contains("default", "stg", "prod");
        forEveryDeploy(
                (environment, combination, template) -> {
                    Intrinsics values =
                            values(
                                    template,
                                    environment,
                                    combination,
                                    samConfig.stackName(environment),
                                    REGIONS.get(0));
                    Set<String> needed = DeployRules.capabilitiesNeeded(raw, template, values);

                    assertThat(needed).as("an IAM role is always there").contains("CAPABILITY_IAM");
                    assertThat(
                                    DeployRules.missingCapabilities(
                                            needed, samConfig.capabilities(environment)))
                            .as(
                                    "%s with %s: capabilities needed but not in samconfig.toml",
                                    environment, combination)
                            .isEmpty();
                });
    }

    @Test
    void aCustomIamNameNeedsTheNamedCapability(@TempDir Path folder) throws IOException {
        CloudFormationTemplate named =
                edited(
                        folder,
                        "\"BlockTestRecipientsPolicy\": {",
                        "\"Properties\": {",
                        "\"Properties\": {\"ManagedPolicyName\": \"guard\",");
        Intrinsics values =
                new Intrinsics(
                        named, "ses-feedback-dev", REGIONS.get(0), Map.of("Environment", "dev"));

        assertThat(
                        DeployRules.missingCapabilities(
                                DeployRules.capabilitiesNeeded(raw, named, values),
                                List.of("CAPABILITY_IAM")))
                .containsExactly("CAPABILITY_NAMED_IAM");
    }

    @Test
    void namesUniqueInTheAccountDifferBetweenRegions() {
        forEveryDeploy(
                (environment, combination, template) -> {
                    String stack = samConfig.stackName(environment);
                    Intrinsics one =
                            values(template, environment, combination, stack, REGIONS.get(0));
                    Intrinsics another =
                            values(template, environment, combination, stack, REGIONS.get(1));

                    assertThat(DeployRules.namesSharedAcrossRegions(template, one, another))
                            .as(
                                    "%s with %s in %s and %s",
                                    environment, combination, REGIONS.get(0), REGIONS.get(1))
                            .isEmpty();
                });
    }

    @Test
    void aDashboardNamedAfterTheStackAloneClashesBetweenRegions(@TempDir Path folder)
            throws IOException {
        CloudFormationTemplate clashing =
                edited(
                        folder,
                        "\"Dashboard\": {",
                        "\"DashboardName\": {",
                        "\"DashboardName\": \"ses-feedback-dev\", \"Ignored\": {");
        Map<String, String> dev = Map.of("Environment", "dev");

        assertThat(
                        DeployRules.namesSharedAcrossRegions(
                                clashing,
                                new Intrinsics(clashing, "ses-feedback-dev", REGIONS.get(0), dev),
                                new Intrinsics(clashing, "ses-feedback-dev", REGIONS.get(1), dev)))
                .containsExactly("Dashboard.DashboardName is ses-feedback-dev in both regions");
    }

    /**
     * docs/deploy.md states the longest stack name; every derived name fits at it, and one does not
     * a character on.
     */
    @Test
    void everyDerivedNameFitsAtTheLongestStackNameTheDocsState() {
        forEveryDeploy(
                (environment, combination, template) -> {
                    for (String region : REGIONS) {
                        String longest = "s".repeat(longestStackName);
                        assertThat(
                                        DeployRules.namesTooLong(
                                                template,
                                                values(
                                                        template,
                                                        environment,
                                                        combination,
                                                        longest,
                                                        region)))
                                .as(
                                        "%s with %s in %s at a stack name of %d characters",
                                        environment, combination, region, longestStackName)
                                .isEmpty();
                    }
                });
        CloudFormationTemplate dev = TRANSLATED.get("default").template();
        assertThat(
                        DeployRules.namesTooLong(
                                dev,
                                values(
                                        dev,
                                        "default",
                                        Map.of(),
                                        "s".repeat(longestStackName + 1),
                                        REGIONS.get(1))))
                .as("the stated length is the longest, not merely one that fits")
                .isNotEmpty();
    }

    /**
     * A name rule that reads no name would pass for ever: each finds its property on some resource
     * of its type (the account-wide names are some of these).
     */
    @Test
    void everyNameRuleFindsTheNamesItLimits() {
        for (DeployRules.NameLimit limit : DeployRules.NAME_LIMITS) {
            boolean typePresent =
                    TRANSLATED.values().stream()
                            .anyMatch(
                                    translation ->
                                            !translation
                                                    .template()
                                                    .resourcesOfType(limit.type())
                                                    .isEmpty());
            boolean read =
                    TRANSLATED.entrySet().stream()
                            .anyMatch(
                                    translation ->
                                            COMBINATIONS.values().stream()
                                                    .anyMatch(
                                                            combination ->
                                                                    !DeployRules.names(
                                                                                    translation
                                                                                            .getValue()
                                                                                            .template(),
                                                                                    values(
                                                                                            translation
                                                                                                    .getValue()
                                                                                                    .template(),
                                                                                            translation
                                                                                                    .getKey(),
                                                                                            combination,
                                                                                            "ses-feedback-dev",
                                                                                            REGIONS
                                                                                                    .get(
                                                                                                            0)),
                                                                                    List.of(limit))
                                                                            .isEmpty()));
            assertThat(read || !typePresent || isGenerated(limit))
                    .as("%s.%s is read from some resource", limit.type(), limit.property())
                    .isTrue();
        }
    }

    /**
     * IAM roles and the managed policy carry no name of the template's: CloudFormation generates
     * it.
     */
    private static boolean isGenerated(DeployRules.NameLimit limit) {
        return limit.type().startsWith("AWS::IAM::");
    }

    @Test
    void everyFunctionsEnvironmentFitsFourKilobytes() {
        forEveryDeploy(
                (environment, combination, template) ->
                        assertThat(
                                        DeployRules.environmentsTooLarge(
                                                template,
                                                values(
                                                        template,
                                                        environment,
                                                        combination,
                                                        "s".repeat(longestStackName),
                                                        "ap-southeast-2")))
                                .as("%s with %s", environment, combination)
                                .isEmpty());
    }

    @Test
    void theTranslatedTemplateIsWithinCloudFormationsQuotas() throws IOException {
        for (SamTranslation translation : TRANSLATED.values()) {
            assertThat(
                            DeployRules.quotasExceeded(
                                    translation.template(), Files.size(translation.file())))
                    .as(translation.file().toString())
                    .isEmpty();
            assertThat(Files.size(TEMPLATE))
                    .as("the template sam deploy uploads")
                    .isLessThanOrEqualTo(DeployRules.MAX_TEMPLATE_BYTES);
        }
    }

    /**
     * From the last release's indexes, a deployed stack reaches the default through deploys that
     * each create or delete exactly one global secondary index per table, and none changes an
     * existing index's key or projection.
     */
    @Test
    void aStackOfTheLastReleaseReachesTheDefaultIndexesOneIndexPerDeploy(@TempDir Path folder)
            throws Exception {
        String release = lastRelease();

        CloudFormationTemplate released = templateAt(folder, release);

        assertThat(DeployRules.migrationBreaks(released, raw))
                .as("the deploys from %s to the default", release)
                .isEmpty();
    }

    /**
     * Step 0 deploys the table of the template before the migration parameter existed, unchanged
     * but for the stream added since.
     */
    @Test
    void stepZeroDeploysTheTableOfBeforeTheMigrationUnchanged(@TempDir Path folder)
            throws Exception {
        String before = beforeTheMigrationParameter();

        Map<String, Object> then = table(templateAt(folder, before), Map.of());
        Map<String, Object> atStepZero =
                new LinkedHashMap<>(table(raw, Map.of(DeployRules.MIGRATION_PARAMETER, "0")));

        // the one addition since: the stream, an update in place ("Update requires: No
        // interruption", AWS::DynamoDB::Table), indexes and data untouched
        assertThat(atStepZero.remove("StreamSpecification"))
                .isEqualTo(Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"));
        assertThat(atStepZero)
                .as("FeedbackTable at step 0, and in the template of %s", before)
                .isEqualTo(then);
    }

    /** The rules read the raw template's table: the SAM translator passes it through as it is. */
    @Test
    void theTranslatedTableIsTheRawTemplates() {
        TRANSLATED.forEach(
                (environment, translation) ->
                        assertThat(translation.template().resource("FeedbackTable"))
                                .as(environment)
                                .isEqualTo(raw.resource("FeedbackTable")));
    }

    @Test
    void aChangedProjectionCountsAsADeletionAndACreation(@TempDir Path folder) throws IOException {
        CloudFormationTemplate changed =
                editedTemplate(folder, "ProjectionType: KEYS_ONLY", "ProjectionType: ALL");

        assertThat(DeployRules.indexChanges(raw, changed)).containsEntry("FeedbackTable", 2);
        assertThat(DeployRules.indexChanges(raw, raw)).containsEntry("FeedbackTable", 0);
        assertThat(DeployRules.migrationBreaks(raw, changed))
                .containsExactly(
                        "FeedbackTable: the release's indexes are at no step; the nearest, step 6, creates [], "
                                + "deletes [], changes [MailMessages]");
    }

    @Test
    void givenTheReleaseAtStepZeroWhenTheStepsJumpToTheDefaultTheRuleNamesTheSixChanges(
            @TempDir Path folder) throws IOException {
        CloudFormationTemplate jumping =
                editedTemplate(
                        folder,
                        "AllowedValues: [\"0\", \"1\", \"2\", \"3\", \"4\", \"5\", \"6\"]",
                        "AllowedValues: [\"0\", \"6\"]");

        assertThat(DeployRules.migrationBreaks(stepZero(folder), jumping))
                .containsExactly(
                        "FeedbackTable: step 0 to 6 creates [MailMessages, SuppressedShards, TypeShards], "
                                + "deletes [ByMail, ByType, Suppressed], changes []");
        assertThat(DeployRules.migrationBreaks(stepZero(folder), raw))
                .as("template.yaml itself")
                .isEmpty();
    }

    @Test
    void givenTheReleaseAtStepZeroWhenAStepAddsTwoIndexesTheRuleNamesItAndTheStepLeftEmpty(
            @TempDir Path folder) throws IOException {
        CloudFormationTemplate twoAtOnce =
                editedTemplate(
                        folder,
                        "HasMailMessagesIndex: !Or\n    - !Equals [!Ref IndexMigrationStep, \"3\"]",
                        "HasMailMessagesIndex: !Or\n    - !Equals [!Ref IndexMigrationStep, \"1\"]\n"
                                + "    - !Equals [!Ref IndexMigrationStep, \"2\"]\n    - !Equals [!Ref IndexMigrationStep, \"3\"]");

        assertThat(DeployRules.migrationBreaks(stepZero(folder), twoAtOnce))
                .containsExactly(
                        "FeedbackTable: step 0 to 1 creates [MailMessages, TypeShards], deletes [], changes []",
                        "FeedbackTable: step 2 to 3 creates [], deletes [], changes []");
    }

    /**
     * The template of a release before the migration: template.yaml with IndexMigrationStep's
     * default at 0.
     */
    private static CloudFormationTemplate stepZero(Path folder) throws IOException {
        return editedTemplate(
                folder,
                "Default: \"6\"\n    AllowedValues: [\"0\"",
                "Default: \"0\"\n    AllowedValues: [\"0\"");
    }

    /** template.yaml with the first {@code text} replaced, as a template of its own. */
    private static CloudFormationTemplate editedTemplate(
            Path folder, String text, String replacement) throws IOException {
        String yaml = Files.readString(TEMPLATE);
        assertThat(yaml).as("template.yaml holds the text the test edits").contains(text);
        Path file = Files.createTempFile(folder, "edited", ".yaml");
        Files.writeString(
                file,
                yaml.replaceFirst(Pattern.quote(text), Matcher.quoteReplacement(replacement)));
        return CloudFormationTemplate.load(file);
    }

    /**
     * The table's properties as CloudFormation receives them, its Fn::If resolved for these
     * parameters.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> table(
            CloudFormationTemplate template, Map<String, String> parameters) {
        Map<String, String> values = new LinkedHashMap<>(parameters);
        values.put("Environment", "prod");
        return (Map<String, Object>)
                new Intrinsics(template, "ses-feedback-prod", REGIONS.get(0), values)
                        .resolve(template.properties("FeedbackTable"));
    }

    private static CloudFormationTemplate templateAt(Path folder, String commit)
            throws IOException, InterruptedException {
        Path file = folder.resolve("template-" + commit.replaceAll("[^A-Za-z0-9]", "_") + ".yaml");
        Files.writeString(file, git("show", commit + ":template.yaml"));
        return CloudFormationTemplate.load(file);
    }

    /**
     * The commit whose template.yaml is the last without the migration parameter: HEAD while the
     * work tree adds it, else the parent of the oldest commit that mentions it.
     */
    private static String beforeTheMigrationParameter() throws IOException, InterruptedException {
        List<String> mentions =
                git(
                                "log",
                                "--format=%H",
                                "-S",
                                DeployRules.MIGRATION_PARAMETER,
                                "--",
                                "template.yaml")
                        .lines()
                        .toList();
        if (mentions.isEmpty()) {
            return "HEAD";
        }
        String introduced = mentions.get(mentions.size() - 1);
        Assumptions.assumeTrue(
                gitSucceeds("cat-file", "-e", introduced + "^"),
                "a shallow clone lacks the commit before "
                        + introduced
                        + "; a full clone compares step 0 with it");
        return introduced + "^";
    }

    private interface DeployCheck {
        void check(
                String environment,
                Map<String, String> combination,
                CloudFormationTemplate template);
    }

    private static void forEveryDeploy(DeployCheck check) {
        TRANSLATED.forEach(
                (environment, translation) ->
                        COMBINATIONS
                                .values()
                                .forEach(
                                        combination ->
                                                check.check(
                                                        environment,
                                                        combination,
                                                        translation.template())));
    }

    private static Intrinsics values(
            CloudFormationTemplate template,
            String environment,
            Map<String, String> combination,
            String stackName,
            String region) {
        Map<String, String> parameters = new LinkedHashMap<>(combination);
        parameters.putAll(samConfig.parameterOverrides(environment));
        return new Intrinsics(template, stackName, region, parameters);
    }

    /**
     * The dev translation with the first {@code text} after {@code anchor} replaced, as a template
     * of its own.
     */
    private static CloudFormationTemplate edited(
            Path folder, String anchor, String text, String replacement) throws IOException {
        String json = Files.readString(TRANSLATED.get("default").file());
        int at = json.indexOf(text, json.indexOf(anchor));
        assertThat(json.indexOf(anchor)).as(anchor).isNotNegative();
        assertThat(at).as(text + " after " + anchor).isNotNegative();
        Path file = folder.resolve("edited.json");
        Files.writeString(
                file, json.substring(0, at) + replacement + json.substring(at + text.length()));
        return CloudFormationTemplate.load(file);
    }

    private static int statedLongestStackName() throws IOException {
        Matcher stated =
                Pattern.compile("longest stack name[^*]*\\*\\*(\\d+) characters\\*\\*")
                        .matcher(Files.readString(Path.of("docs", "deploy.md")));
        assertThat(stated.find())
                .as("docs/deploy.md states the longest stack name as **N characters**")
                .isTrue();
        return Integer.parseInt(stated.group(1));
    }

    /**
     * The commit CI last landed, as {@link #LAST_RELEASE} names it: a tracked file, because a clean
     * clone carries no tags. Advance it when a version lands that stacks may run.
     */
    private static String lastRelease() throws IOException, InterruptedException {
        String release = Files.readString(LAST_RELEASE).strip();
        assertThat(gitSucceeds("cat-file", "-e", release + "^{commit}"))
                .as(
                        "the clone holds %s, the last release; a shallow clone needs: git fetch --unshallow",
                        release)
                .isTrue();
        return release;
    }

    private static boolean gitSucceeds(String... arguments)
            throws IOException, InterruptedException {
        try {
            git(arguments);
            return true;
        } catch (IOException failed) {
            return false;
        }
    }

    private static String git(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes());
        if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
