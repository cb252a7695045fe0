package io.sesfeedback.testing.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The matching rules of the EventBridge User Guide ("Creating event patterns", "Comparison
 * operators"), each on the smallest pattern and event that show it. JSON in single quotes for
 * reading; the examples follow the guide's own where it has one.
 */
class EventPatternsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The guide's EC2 example event, trimmed. */
    private static final String EVENT =
            """
            {'version': '0', 'id': '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
             'detail-type': 'EC2 Instance State-change Notification', 'source': 'aws.ec2',
             'account': '111122223333', 'time': '2017-12-22T18:43:48Z', 'region': 'us-west-1',
             'resources': ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
             'detail': {'instance-id': 'i-1234567890abcdef0', 'state': 'terminated',
                        'c-count': 5, 'd-count': null, 'e-flag': false, 'f-empty': ''}}
            """;

    @Test
    void aFieldMatchesAnyOfItsValues() {
        assertThat(matches("{'source': ['aws.s3', 'aws.ec2']}")).isTrue();
        assertThat(matches("{'source': ['aws.s3', 'aws.ses']}")).isFalse();
    }

    @Test
    void everyFieldOfThePatternMustMatch() {
        assertThat(
                        matches(
                                "{'source': ['aws.ec2'], 'detail-type': ['EC2 Instance"
                                        + " State-change Notification']}"))
                .isTrue();
        assertThat(matches("{'source': ['aws.ec2'], 'detail-type': ['Email Bounced']}")).isFalse();
    }

    @Test
    void fieldsOfTheEventThePatternDoesNotNameAreIgnored() {
        assertThat(matches("{'region': ['us-west-1']}")).isTrue();
    }

    @Test
    void aPatternFieldTheEventLacksDoesNotMatch() {
        assertThat(matches("{'detail': {'missing': ['x']}}")).isFalse();
        assertThat(matches("{'nowhere': ['aws.ec2']}")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS.EC2", "aws.ec2 ", " aws.ec2", "aws.ec"})
    void stringsMatchExactlyAndCaseSensitively(String near) {
        assertThat(matches("{'source': ['" + near + "']}")).isFalse();
    }

    @Test
    void aNestedPatternMatchesTheEventsObjectAtThatField() {
        assertThat(matches("{'detail': {'state': ['terminated']}}")).isTrue();
        assertThat(matches("{'detail': {'state': ['running']}}")).isFalse();
        assertThat(matches("{'source': {'state': ['terminated']}}"))
                .as("a string is not an object")
                .isFalse();
    }

    @Test
    void anArrayInTheEventMatchesWhenAnyOfItsElementsDoes() {
        assertThat(
                        matches(
                                "{'resources': ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0',"
                                        + " 'other']}"))
                .isTrue();
        assertThat(matches("{'resources': ['other']}")).isFalse();
    }

    @Test
    void numbersBooleansNullAndTheEmptyStringMatchThemselves() {
        assertThat(matches("{'detail': {'c-count': [5]}}")).isTrue();
        assertThat(matches("{'detail': {'c-count': [5.0]}}")).isTrue();
        assertThat(matches("{'detail': {'c-count': ['5']}}"))
                .as("a string is not a number")
                .isFalse();
        assertThat(matches("{'detail': {'e-flag': [false]}}")).isTrue();
        assertThat(matches("{'detail': {'f-empty': ['']}}")).isTrue();
        assertThat(matches("{'detail': {'d-count': [null]}}")).isTrue();
    }

    @Test
    void nullMatchesAFieldPresentWithNullNeverAnAbsentOne() {
        assertThat(matches("{'detail': {'absent': [null]}}")).isFalse();
    }

    @Test
    void prefixMatchesAStringThatStartsWithIt() {
        assertThat(matches("{'time': [{'prefix': '2017-12-22'}]}")).isTrue();
        assertThat(matches("{'time': [{'prefix': '2017-12-23'}]}")).isFalse();
        assertThat(matches("{'detail': {'c-count': [{'prefix': '5'}]}}"))
                .as("a number is no string")
                .isFalse();
    }

    @Test
    void existsMatchesALeafFieldPresentOrAbsent() {
        assertThat(matches("{'detail': {'state': [{'exists': true}]}}")).isTrue();
        assertThat(matches("{'detail': {'absent': [{'exists': true}]}}")).isFalse();
        assertThat(matches("{'detail': {'absent': [{'exists': false}]}}")).isTrue();
        assertThat(matches("{'detail': {'state': [{'exists': false}]}}")).isFalse();
        assertThat(matches("{'detail': [{'exists': true}]}"))
                .as("exists applies to leaf nodes only")
                .isFalse();
    }

    /** The guide's "Or matching": any of the patterns, with the fields beside $or. */
    @Test
    void orMatchesWhenAnyOfItsPatternsDoesBesideTheOtherFields() {
        assertThat(
                        matches(
                                "{'$or': [{'source': ['aws.s3']}, {'detail': {'state': ['terminated']}}]}"))
                .isTrue();
        assertThat(matches("{'$or': [{'source': ['aws.s3']}, {'detail': {'state': ['running']}}]}"))
                .isFalse();
        assertThat(
                        matches(
                                "{'region': ['us-east-1'], '$or': [{'source': ['aws.ec2']},"
                                        + " {'source': ['aws.s3']}]}"))
                .as("a field beside $or still has to match")
                .isFalse();
        assertThat(matches("{'detail': {'$or': [{'state': ['running']}, {'c-count': [5]}]}}"))
                .as("$or nested in an object")
                .isTrue();
    }

    @Test
    void operatorsItDoesNotEvaluateAreRefusedNotGuessed() {
        assertThatThrownBy(() -> matches("{'source': [{'anything-but': 'aws.s3'}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anything-but");
        assertThatThrownBy(() -> matches("{'$or': [{'source': ['aws.ec2']}]}"))
                .as("$or of one pattern")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> matches("{'$nor': [{'source': ['aws.ec2']}]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> matches("{'source': 'aws.ec2'}"))
                .as("a leaf value outside an array is no pattern")
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean matches(String pattern) {
        return EventPatterns.matches(json(pattern), json(EVENT));
    }

    private static Map<String, Object> json(String singleQuoted) {
        try {
            return JSON.readValue(
                    singleQuoted.replace('\'', '"'), new TypeReference<Map<String, Object>>() {});
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }
}
