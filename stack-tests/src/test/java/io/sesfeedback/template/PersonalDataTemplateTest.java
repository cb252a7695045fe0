package io.sesfeedback.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.support.RecorderFixture;
import io.sesfeedback.testing.template.CloudFormationTemplate;
import io.sesfeedback.testing.template.TemplateConditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * template.yaml's personal-data options: the notification log group's address masking, and the
 * customer managed key of the topic, the table and the failed-feedback queue, with the key policy
 * that lets SES and CloudWatch alarms publish to the encrypted topic.
 */
class PersonalDataTemplateTest {

    private static final CloudFormationTemplate TEMPLATE = RecorderFixture.TEMPLATE;
    private static final String KEY_CONDITION = "UseCustomerManagedKey";
    private static final Map<String, Object> KEY_ARN =
            Map.of("Fn::GetAtt", List.of("FeedbackKey", "Arn"));
    private static final Map<String, Object> NO_VALUE = Map.of("Ref", "AWS::NoValue");
    private static final Map<String, Object> EMAIL_ADDRESS =
            Map.of(
                    "Fn::Sub",
                    "arn:${AWS::Partition}:dataprotection::aws:data-identifier/EmailAddress");

    @ParameterizedTest
    @CsvSource({
        "prod, Default,  true",
        "stg,  Default,  false",
        "dev,  Default,  false",
        "dev,  Enabled,  true",
        "prod, Disabled, false",
    })
    void addressesAreMaskedByDefaultInProdOnly(String environment, String mask, boolean masked) {
        assertThat(parameter("MaskAddressesInLogs"))
                .containsEntry("Default", "Default")
                .containsEntry("AllowedValues", List.of("Default", "Enabled", "Disabled"));

        assertThat(
                        condition(
                                "MaskAddresses",
                                Map.of("Environment", environment, "MaskAddressesInLogs", mask)))
                .isEqualTo(masked);
    }

    @Test
    void notificationLogGroupMasksEmailAddressesUnderTheCondition() {
        Object[] choice =
                ifOf(
                        TEMPLATE.properties("FeedbackLogGroup").get("DataProtectionPolicy"),
                        "MaskAddresses");
        Map<String, Object> policy = CloudFormationTemplate.map(choice[0], "DataProtectionPolicy");

        assertThat(choice[1]).isEqualTo(NO_VALUE);
        assertThat(policy)
                .containsKeys("Name", "Description")
                .containsEntry("Version", "2021-06-01");
        assertThat(statements(policy))
                .satisfiesExactly(
                        audit ->
                                assertThat(audit)
                                        .containsEntry("DataIdentifier", List.of(EMAIL_ADDRESS))
                                        .containsEntry(
                                                "Operation",
                                                Map.of(
                                                        "Audit",
                                                        Map.of("FindingsDestination", Map.of()))),
                        mask ->
                                assertThat(mask)
                                        .containsEntry("DataIdentifier", List.of(EMAIL_ADDRESS))
                                        .containsEntry(
                                                "Operation",
                                                Map.of(
                                                        "Deidentify",
                                                        Map.of("MaskConfig", Map.of()))));
    }

    @Test
    void customerManagedKeyIsOptionalOffByDefaultRotatedAndOutlivesTheStack() {
        Map<String, Object> key = TEMPLATE.resource("FeedbackKey");

        assertThat(parameter("EncryptionKey"))
                .containsEntry("Default", "Default")
                .containsEntry("AllowedValues", List.of("Default", "CustomerManaged"));
        assertThat(condition(KEY_CONDITION, Map.of("EncryptionKey", "Default"))).isFalse();
        assertThat(condition(KEY_CONDITION, Map.of("EncryptionKey", "CustomerManaged"))).isTrue();
        assertThat(key)
                .containsEntry("Type", "AWS::KMS::Key")
                .containsEntry("Condition", KEY_CONDITION)
                .as("a retained table, its backups and queued events stay readable")
                .containsEntry("DeletionPolicy", "Retain")
                .containsEntry("UpdateReplacePolicy", "Retain");
        assertThat(TEMPLATE.properties("FeedbackKey")).containsEntry("EnableKeyRotation", true);
        assertThat(TEMPLATE.resource("FeedbackKeyAlias")).containsEntry("Condition", KEY_CONDITION);
        assertThat(TEMPLATE.properties("FeedbackKeyAlias"))
                .containsEntry("AliasName", Map.of("Fn::Sub", "alias/${AWS::StackName}"))
                .containsEntry("TargetKeyId", Map.of("Ref", "FeedbackKey"));
    }

    @Test
    void keyPolicyLeavesKeyAdministrationToThisAccountsIamPolicies() {
        Map<String, Object> account = keyStatement("AccountManagesTheKeyThroughIam");

        assertThat(account)
                .containsEntry("Effect", "Allow")
                .containsEntry(
                        "Principal",
                        Map.of(
                                "AWS",
                                Map.of(
                                        "Fn::Sub",
                                        "arn:${AWS::Partition}:iam::${AWS::AccountId}:root")))
                .containsEntry("Action", "kms:*")
                .containsEntry("Resource", "*")
                .doesNotContainKey("Condition");
    }

    @ParameterizedTest
    @CsvSource({
        "SesPublishesToTheTopic, ses.amazonaws.com",
        "CloudWatchAlarmsPublishToTheTopic, cloudwatch.amazonaws.com",
        "EventBridgePublishesToTheTopic, events.amazonaws.com",
    })
    void keyPolicyLetsAPublisherEncryptForTheFeedbackTopicOnlyUnderTheConditionAwsDocuments(
            String sid, String service) {
        Map<String, Object> statement = keyStatement(sid);
        String topicName =
                (String)
                        CloudFormationTemplate.map(
                                        TEMPLATE.properties("FeedbackTopic").get("TopicName"),
                                        "TopicName")
                                .get("Fn::Sub");

        assertThat(statement)
                .containsEntry("Effect", "Allow")
                .containsEntry("Principal", Map.of("Service", service))
                .containsEntry("Action", List.of("kms:GenerateDataKey*", "kms:Decrypt"))
                .containsEntry("Resource", "*")
                .as(
                        "no aws:SourceAccount: not documented to reach KMS from SES or CloudWatch; the topic policy limits the account")
                .containsEntry(
                        "Condition",
                        Map.of(
                                "StringEquals",
                                Map.of(
                                        "kms:EncryptionContext:aws:sns:topicArn",
                                        Map.of(
                                                "Fn::Sub",
                                                "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:"
                                                        + topicName))));
    }

    /**
     * With every publisher on: the status events' rule publishes to the topic, and EventBridge
     * writes the rules' dead-letter queue as SNS writes its own.
     */
    @Test
    void keyPolicyNamesExactlyTheAccountAndTheTopicsPublishers() {
        TemplateConditions everyPublisher =
                new TemplateConditions(
                        TEMPLATE,
                        Map.of(
                                "EncryptionKey",
                                "CustomerManaged",
                                "ConfigurationSetName",
                                "app",
                                "ConfigurationSetDestination",
                                "Both"));
        List<Map<String, Object>> statements =
                statements(
                        CloudFormationTemplate.map(
                                everyPublisher.resolve(
                                        TEMPLATE.properties("FeedbackKey").get("KeyPolicy")),
                                "KeyPolicy"));
        List<Map<String, Object>> publishers =
                statements(
                                CloudFormationTemplate.map(
                                        everyPublisher.resolve(
                                                TEMPLATE.properties("FeedbackTopicPolicy")
                                                        .get("PolicyDocument")),
                                        "PolicyDocument"))
                        .stream()
                        .map(s -> CloudFormationTemplate.map(s.get("Principal"), "Principal"))
                        .toList();

        assertThat(statements).allSatisfy(s -> assertThat(s).containsEntry("Effect", "Allow"));
        assertThat(statements)
                .extracting(s -> s.get("Principal"))
                .doesNotContain("*", Map.of("AWS", "*"));
        List<Map<String, Object>> services = new ArrayList<>(publishers);
        services.add(Map.of("Service", "sns.amazonaws.com"));
        services.add(Map.of("Service", "events.amazonaws.com"));
        assertThat(
                        statements.stream()
                                .map(
                                        s ->
                                                CloudFormationTemplate.map(
                                                        s.get("Principal"), "Principal"))
                                .filter(principal -> principal.containsKey("Service"))
                                .collect(Collectors.toList()))
                .as(
                        "the services the key policy trusts: those the topic policy lets publish, SNS and EventBridge for their dead-letter queues")
                .containsExactlyInAnyOrderElementsOf(services);
        assertThat(statements).hasSize(services.size() + 1);
    }

    @Test
    void topicTableAndQueueUseTheKeyOnlyWhenItExists() {
        assertThat(TEMPLATE.properties("FeedbackTopic"))
                .containsEntry(
                        "KmsMasterKeyId",
                        Map.of("Fn::If", List.of(KEY_CONDITION, KEY_ARN, NO_VALUE)));
        assertThat(
                        List.of(
                                "FailedFeedbackQueue",
                                "UndeliveredFeedbackQueue",
                                "UndeliveredEventsQueue"))
                .allSatisfy(
                        queue ->
                                assertThat(TEMPLATE.properties(queue))
                                        .containsEntry(
                                                "KmsMasterKeyId",
                                                Map.of(
                                                        "Fn::If",
                                                        List.of(KEY_CONDITION, KEY_ARN, NO_VALUE)))
                                        .as("SQS-managed encryption without the key, never both")
                                        .containsEntry(
                                                "SqsManagedSseEnabled",
                                                Map.of(
                                                        "Fn::If",
                                                        List.of(KEY_CONDITION, false, true))));
        assertThat(TEMPLATE.properties("FeedbackTable"))
                .as(
                        "without the key, no SSESpecification: DynamoDB's own key, free; SSEEnabled true would be the billed AWS managed key")
                .containsEntry(
                        "SSESpecification",
                        Map.of(
                                "Fn::If",
                                List.of(
                                        KEY_CONDITION,
                                        Map.of(
                                                "SSEEnabled",
                                                true,
                                                "SSEType",
                                                "KMS",
                                                "KMSMasterKeyId",
                                                KEY_ARN),
                                        NO_VALUE)));
    }

    @Test
    void everyReferenceToTheKeySitsUnderItsCondition() {
        List<String> unguarded = new ArrayList<>();
        for (String section : List.of("Resources", "Outputs")) {
            TEMPLATE.section(section)
                    .forEach(
                            (id, body) -> {
                                Map<String, Object> entry = CloudFormationTemplate.map(body, id);
                                if (!KEY_CONDITION.equals(entry.get("Condition"))) {
                                    collectUnguardedKeyReferences(
                                            entry, section + "." + id, unguarded);
                                }
                            });
        }

        assertThat(unguarded)
                .as(
                        "references to FeedbackKey outside Fn::If [%s, ...] or a resource with that condition",
                        KEY_CONDITION)
                .isEmpty();
    }

    @Test
    void recorderMayUseTheKeyOnlyThroughItsTableAndQueue() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> policies =
                (List<Map<String, Object>>) TEMPLATE.properties("RecorderRole").get("Policies");
        List<Object> conditional =
                statements(
                                CloudFormationTemplate.map(
                                        policies.get(0).get("PolicyDocument"), "PolicyDocument"))
                        .stream()
                        .filter(s -> s.containsKey("Fn::If"))
                        .map(s -> (Object) s)
                        .toList();

        assertThat(conditional)
                .singleElement()
                .satisfies(
                        choice -> {
                            Object[] branches = ifOf(choice, KEY_CONDITION);
                            assertThat(branches[1]).isEqualTo(NO_VALUE);
                            assertThat(CloudFormationTemplate.map(branches[0], "statement"))
                                    .containsEntry("Effect", "Allow")
                                    .containsEntry(
                                            "Action", List.of("kms:Decrypt", "kms:GenerateDataKey"))
                                    .containsEntry("Resource", KEY_ARN)
                                    .containsEntry(
                                            "Condition",
                                            Map.of(
                                                    "StringEquals",
                                                    Map.of(
                                                            "kms:ViaService",
                                                            List.of(
                                                                    Map.of(
                                                                            "Fn::Sub",
                                                                            "dynamodb.${AWS::Region}.amazonaws.com"),
                                                                    Map.of(
                                                                            "Fn::Sub",
                                                                            "sqs.${AWS::Region}.amazonaws.com")))));
                        });
    }

    @Test
    void keyArnIsAnOutputWhenTheKeyExists() {
        Map<String, Object> output =
                CloudFormationTemplate.map(
                        TEMPLATE.section("Outputs").get("FeedbackKeyArn"), "FeedbackKeyArn");

        assertThat(output)
                .containsEntry("Condition", KEY_CONDITION)
                .containsEntry("Value", KEY_ARN);
    }

    private static Map<String, Object> parameter(String name) {
        return CloudFormationTemplate.map(TEMPLATE.section("Parameters").get(name), name);
    }

    /** A statement of the key policy, one under a condition taken as if it held. */
    private static Map<String, Object> keyStatement(String sid) {
        return statements(
                        CloudFormationTemplate.map(
                                TEMPLATE.properties("FeedbackKey").get("KeyPolicy"), "KeyPolicy"))
                .stream()
                .map(
                        s ->
                                s.containsKey("Fn::If")
                                        ? CloudFormationTemplate.map(
                                                ((List<?>) s.get("Fn::If")).get(1), "Fn::If")
                                        : s)
                .filter(s -> sid.equals(s.get("Sid")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no key policy statement " + sid));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> policy) {
        return (List<Map<String, Object>>) policy.get("Statement");
    }

    /**
     * The true and false branches of {@code Fn::If [condition, ...]}; fails when {@code value} is
     * no such choice.
     */
    private static Object[] ifOf(Object value, String condition) {
        List<?> arguments = (List<?>) CloudFormationTemplate.map(value, "Fn::If").get("Fn::If");
        assertThat(arguments).hasSize(3).first().isEqualTo(condition);
        return new Object[] {arguments.get(1), arguments.get(2)};
    }

    private static void collectUnguardedKeyReferences(
            Object node, String path, List<String> unguarded) {
        if (node instanceof Map<?, ?> map) {
            if (map.containsKey("Fn::If")
                    && ((List<?>) map.get("Fn::If")).get(0).equals(KEY_CONDITION)) {
                collectUnguardedKeyReferences(
                        ((List<?>) map.get("Fn::If")).get(2), path + ".else", unguarded);
                return;
            }
            if ("FeedbackKey".equals(map.get("Ref"))
                    || map.get("Fn::GetAtt") instanceof List<?> getAtt
                            && "FeedbackKey".equals(getAtt.get(0))) {
                unguarded.add(path);
            }
            map.forEach(
                    (key, value) ->
                            collectUnguardedKeyReferences(value, path + "." + key, unguarded));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectUnguardedKeyReferences(list.get(i), path + "[" + i + "]", unguarded);
            }
        }
    }

    /**
     * Evaluates a condition of the template for the given parameter values (Equals, And, Or, Not,
     * Condition).
     */
    private static boolean condition(String name, Map<String, String> parameters) {
        return evaluate(TEMPLATE.section("Conditions").get(name), parameters);
    }

    private static boolean evaluate(Object expression, Map<String, String> parameters) {
        Map<String, Object> function = CloudFormationTemplate.map(expression, "condition");
        if (function.containsKey("Condition")) {
            return condition((String) function.get("Condition"), parameters);
        }
        List<?> arguments = (List<?>) function.values().iterator().next();
        return switch (function.keySet().iterator().next()) {
            case "Fn::Equals" ->
                    value(arguments.get(0), parameters).equals(value(arguments.get(1), parameters));
            case "Fn::And" -> arguments.stream().allMatch(a -> evaluate(a, parameters));
            case "Fn::Or" -> arguments.stream().anyMatch(a -> evaluate(a, parameters));
            case "Fn::Not" -> !evaluate(arguments.get(0), parameters);
            default -> throw new IllegalArgumentException("Not a condition function: " + function);
        };
    }

    private static String value(Object argument, Map<String, String> parameters) {
        if (argument instanceof Map<?, ?> ref) {
            String name = (String) ref.get("Ref");
            String value = parameters.get(name);
            return value != null ? value : String.valueOf(parameter(name).get("Default"));
        }
        return String.valueOf(argument);
    }
}
