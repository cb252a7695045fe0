package io.sesfeedback.identities;

import static org.assertj.core.api.Assertions.assertThat;

import io.sesfeedback.identities.CloudFormation.Put;
import io.sesfeedback.identities.SendingPolicy.Send;
import io.sesfeedback.support.FunctionLog;
import io.sesfeedback.support.Pacer;
import io.sesfeedback.testing.moto.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The guard on moto's SES (the v1 identity policy calls added by moto_ses.py): the custom resource
 * puts its policy on each identity beside the identity's other policies, replaces it on update, and
 * takes it off when an identity leaves, the guard is turned off or the stack is deleted. What the
 * policy does to a send, which moto does not evaluate, is decided by SendingPolicy from the
 * documented semantics; template.yaml's managed policy is checked the same way with the patterns
 * the custom resource returned.
 */
@Tag("moto")
class RecipientGuardOnMotoTest {

    private static final String TOPIC =
            "arn:aws:sns:eu-west-1:123456789012:ses-feedback-dev-feedback";
    private static final String GUARD = CloudFormation.GUARD_POLICY;
    private static final String PARTNER_POLICY = "partner-send";

    private static MotoServer moto;
    private static SesClient ses;
    private static SesClient handlerSes;
    private static SsmClient handlerSsm;
    private static CloudFormation cloudFormation;
    private static IdentityNotificationsHandler handler;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        ses = moto.ses();
        cloudFormation = new CloudFormation();
        handlerSes = moto.ses();
        handlerSsm = moto.ssm();
        handler =
                new IdentityNotificationsHandler(
                        new IdentityWiring(
                                new SesIdentities(
                                        handlerSes,
                                        "eu-west-1",
                                        new Pacer(Duration.ZERO, Pacer.Ticker.SYSTEM)),
                                new PreviousSettings(
                                        handlerSsm, IdentityNotificationsOnMotoTest.PATH),
                                line -> {}),
                        new FunctionLog(line -> {}, Clock.systemUTC()));
    }

    @AfterAll
    static void stop() throws Exception {
        cloudFormation.close();
        ses.close();
        handlerSes.close();
        handlerSsm.close();
        moto.close();
    }

    @Test
    void createPutsTheGuardPolicyOnEachIdentityBesideItsOtherPolicies() throws Exception {
        String domain = verifiedDomain();
        String partner = partnerPolicy(domain);
        ses.putIdentityPolicy(r -> r.identity(domain).policyName(PARTNER_POLICY).policy(partner));

        Put put =
                send(
                        cloudFormation.create(
                                CloudFormation.properties(
                                        List.of(domain), TOPIC, false, false, "reserved")));

        assertThat(put.status()).isEqualTo("SUCCESS");
        assertThat(policyNames(domain)).containsExactlyInAnyOrder(PARTNER_POLICY, GUARD);
        assertThat(policy(domain, PARTNER_POLICY))
                .as("the user's policy untouched")
                .isEqualTo(partner);
        SendingPolicy guard = SendingPolicy.of(policy(domain, GUARD));
        String arn = CloudFormation.IDENTITY_ARN_PREFIX + domain;
        assertThat(guard.denies(Send.of(email(domain, "load-test-1@example.com", null, null), arn)))
                .isTrue();
        assertThat(
                        guard.denies(
                                Send.of(
                                        email(
                                                domain,
                                                "jane.doe@amazon.com",
                                                null,
                                                "load-test-1@example.com"),
                                        arn)))
                .as("BCC")
                .isTrue();
        assertThat(
                        guard.denies(
                                Send.of(
                                        email(
                                                domain,
                                                "jane.doe@amazon.com",
                                                "ops@mail.sesfeedback.dev",
                                                null),
                                        arn)))
                .isFalse();
    }

    @Test
    void deleteTakesTheGuardPolicyOffAndLeavesTheOthers() throws Exception {
        String address = verifiedAddress();
        ses.putIdentityPolicy(
                r -> r.identity(address).policyName(PARTNER_POLICY).policy(partnerPolicy(address)));
        Map<String, Object> properties =
                CloudFormation.properties(List.of(address), TOPIC, false, false, "reserved");
        Put created = send(cloudFormation.create(properties));
        assertThat(policyNames(address)).contains(GUARD);

        Put deleted = send(cloudFormation.delete(created.physicalResourceId(), properties));

        assertThat(deleted.status()).isEqualTo("SUCCESS");
        assertThat(policyNames(address)).containsExactly(PARTNER_POLICY);
    }

    @Test
    void updateTurningTheGuardOffOrReleasingAnIdentityTakesItsPolicyOff() throws Exception {
        String kept = verifiedDomain();
        String released = verifiedDomain();
        Map<String, Object> old =
                CloudFormation.properties(List.of(kept, released), TOPIC, false, false, "reserved");
        Put created = send(cloudFormation.create(old));
        assertThat(policyNames(kept)).containsExactly(GUARD);
        assertThat(policyNames(released)).containsExactly(GUARD);

        Map<String, Object> off =
                CloudFormation.properties(List.of(kept), TOPIC, false, false, "none");
        Put updated = send(cloudFormation.update(created.physicalResourceId(), off, old));

        assertThat(updated.status()).isEqualTo("SUCCESS");
        assertThat(updated.body().path("Data").path("BlockedRecipientPatterns").asText()).isEmpty();
        assertThat(policyNames(kept)).isEmpty();
        assertThat(policyNames(released)).isEmpty();
    }

    @Test
    void updateWithAnotherDomainReplacesThePolicy() throws Exception {
        String domain = verifiedDomain();
        Map<String, Object> old =
                CloudFormation.properties(List.of(domain), TOPIC, false, false, "reserved");
        Put created = send(cloudFormation.create(old));
        String arn = CloudFormation.IDENTITY_ARN_PREFIX + domain;
        Send loadTest = Send.of(email(domain, "user-1@loadtest.sesfeedback.dev", null, null), arn);
        assertThat(SendingPolicy.of(policy(domain, GUARD)).denies(loadTest)).isFalse();

        Map<String, Object> wider =
                CloudFormation.properties(
                        List.of(domain), TOPIC, false, false, "reserved,loadtest.sesfeedback.dev");
        send(cloudFormation.update(created.physicalResourceId(), wider, old));

        assertThat(policyNames(domain)).containsExactly(GUARD);
        assertThat(SendingPolicy.of(policy(domain, GUARD)).denies(loadTest)).isTrue();
    }

    @Test
    void theTemplatesManagedPolicyCarriesTheSameDenyWithThePatternsTheCustomResourceReturns()
            throws Exception {
        // a stack with the guard and no identities: the custom resource only computes the patterns
        Put put =
                send(
                        cloudFormation.create(
                                CloudFormation.properties(
                                        List.of(""), TOPIC, false, false, "reserved")));
        String patterns = put.body().path("Data").path("BlockedRecipientPatterns").asText();
        MappingNode statement = managedPolicyStatement();

        assertThat(text(get(statement, "Effect"))).isEqualTo("Deny");
        assertThat(texts(get(statement, "Action"))).isEqualTo(RecipientGuard.SENDING_ACTIONS);
        assertThat(text(get(statement, "Resource"))).isEqualTo("*");
        SequenceNode split =
                (SequenceNode)
                        get(
                                mapping(
                                        get(
                                                mapping(get(statement, "Condition")),
                                                "ForAnyValue:StringLike")),
                                "ses:Recipients");
        assertThat(split.getTag().getValue()).isEqualTo("!Split");
        assertThat(text(split.getValue().get(0))).isEqualTo(",");
        assertThat(split.getValue().get(1).getTag().getValue()).isEqualTo("!GetAtt");
        assertThat(text(split.getValue().get(1)))
                .isEqualTo("IdentityNotifications.BlockedRecipientPatterns");

        // the statement as CloudFormation deploys it: Fn::Split of the custom resource's value
        Map<String, Object> deployed = new LinkedHashMap<>();
        deployed.put("Effect", "Deny");
        deployed.put("Action", texts(get(statement, "Action")));
        deployed.put("Resource", "*");
        deployed.put(
                "Condition",
                Map.of(
                        "ForAnyValue:StringLike",
                        Map.of("ses:Recipients", Arrays.asList(patterns.split(",")))));
        SendingPolicy managed =
                SendingPolicy.of(Map.of("Version", "2012-10-17", "Statement", List.of(deployed)));
        String anyIdentity = CloudFormation.IDENTITY_ARN_PREFIX + "any.sesfeedback.dev";
        assertThat(
                        managed.denies(
                                Send.of(
                                        email(
                                                "any.sesfeedback.dev",
                                                "jane.doe@amazon.com",
                                                "load-test-1@example.com",
                                                null),
                                        anyIdentity)))
                .isTrue();
        assertThat(
                        managed.denies(
                                Send.of(
                                        email(
                                                "any.sesfeedback.dev",
                                                "jane.doe@amazon.com",
                                                null,
                                                null),
                                        anyIdentity)))
                .isFalse();
        assertThat(patterns.split(","))
                .containsExactlyElementsOf(RecipientGuard.of("reserved").patterns());
    }

    private static Put send(
            com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent event)
            throws InterruptedException {
        handler.handleRequest(event, CloudFormation.context());
        return cloudFormation.response();
    }

    private static SendEmailRequest email(String identity, String to, String cc, String bcc) {
        return SendEmailRequest.builder()
                .source("noreply@" + (identity.contains("@") ? identity.split("@")[1] : identity))
                .destination(
                        d ->
                                d.toAddresses(to)
                                        .ccAddresses(cc == null ? List.of() : List.of(cc))
                                        .bccAddresses(bcc == null ? List.of() : List.of(bcc)))
                .message(
                        m ->
                                m.subject(s -> s.data("hello"))
                                        .body(b -> b.text(t -> t.data("hello"))))
                .build();
    }

    private static List<String> policyNames(String identity) {
        return ses.listIdentityPolicies(r -> r.identity(identity)).policyNames();
    }

    private static String policy(String identity, String name) {
        return ses.getIdentityPolicies(r -> r.identity(identity).policyNames(name))
                .policies()
                .get(name);
    }

    private static String partnerPolicy(String identity) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"111122223333\"]},"
                + "\"Action\":[\"ses:SendEmail\"],\"Resource\":\""
                + CloudFormation.IDENTITY_ARN_PREFIX
                + identity
                + "\"}]}";
    }

    private static String verifiedAddress() {
        String address = "sender-" + UUID.randomUUID() + "@mail.sesfeedback.dev";
        ses.verifyEmailIdentity(r -> r.emailAddress(address));
        return address;
    }

    private static String verifiedDomain() {
        String domain = "mail-" + UUID.randomUUID() + ".sesfeedback.dev";
        ses.verifyDomainIdentity(r -> r.domain(domain));
        return domain;
    }

    private static MappingNode managedPolicyStatement() throws Exception {
        Node root =
                new Compose(LoadSettings.builder().build())
                        .composeString(Files.readString(Path.of("..", "template.yaml")))
                        .orElseThrow();
        MappingNode policy =
                mapping(
                        get(
                                mapping(
                                        get(
                                                mapping(get(mapping(root), "Resources")),
                                                "BlockTestRecipientsPolicy")),
                                "Properties"));
        List<Node> statements =
                ((SequenceNode) get(mapping(get(policy, "PolicyDocument")), "Statement"))
                        .getValue();
        assertThat(statements).hasSize(1);
        return mapping(statements.get(0));
    }

    private static Node get(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (key.equals(text(tuple.getKeyNode()))) {
                return tuple.getValueNode();
            }
        }
        throw new AssertionError("No " + key + " in the template's BlockTestRecipientsPolicy");
    }

    private static MappingNode mapping(Node node) {
        return (MappingNode) node;
    }

    private static String text(Node node) {
        return ((ScalarNode) node).getValue();
    }

    private static List<String> texts(Node node) {
        List<String> values = new ArrayList<>();
        ((SequenceNode) node).getValue().forEach(value -> values.add(text(value)));
        return values;
    }
}
