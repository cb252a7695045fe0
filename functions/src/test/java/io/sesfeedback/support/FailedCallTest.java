package io.sesfeedback.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * One decision for every function: what an AWS error asks for, from its HTTP status and error code.
 */
class FailedCallTest {

    private static AwsServiceException answered(int status, String code) {
        return AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(
                        AwsErrorDetails.builder()
                                .errorCode(code)
                                .errorMessage("from the service")
                                .build())
                .build();
    }

    @ParameterizedTest(name = "{0} {1} is {2}")
    @CsvSource({
        "403, AccessDenied, DENIED",
        "400, AccessDeniedException, DENIED",
        "403, AuthorizationError, DENIED",
        "400, KMSAccessDeniedException, DENIED",
        "400, NotAuthorizedException, DENIED",
        "400, Throttling, THROTTLED",
        "429, TooManyRequestsException, THROTTLED",
        "400, LimitExceededException, THROTTLED",
        "400, ParameterNotFound, NOT_FOUND",
        "400, ResourceNotFoundException, NOT_FOUND",
        "404, NotFound, NOT_FOUND",
        "400, ConfigurationSetDoesNotExist, OTHER",
        "500, InternalError, OTHER"
    })
    void aServicesAnswerIsSortedByWhatItAsksFor(int status, String code, FailedCall.Kind kind) {
        assertThat(FailedCall.kindOf(answered(status, code))).isEqualTo(kind);
    }

    @Test
    void anAnswerWithoutAnErrorCodeIsSortedByItsStatus() {
        assertThat(
                        FailedCall.kindOf(
                                AwsServiceException.builder()
                                        .statusCode(500)
                                        .message("Injected")
                                        .build()))
                .isEqualTo(FailedCall.Kind.OTHER);
        assertThat(
                        FailedCall.kindOf(
                                AwsServiceException.builder()
                                        .statusCode(403)
                                        .message("Forbidden")
                                        .build()))
                .isEqualTo(FailedCall.Kind.DENIED);
    }

    @Test
    void aFailureNoServiceAnsweredIsOther() {
        assertThat(FailedCall.kindOf(SdkClientException.create("connection refused")))
                .isEqualTo(FailedCall.Kind.OTHER);
    }

    @Test
    void aFailedCallNamesTheActionAndResourceAndKeepsTheServicesWords() {
        FailedCall failure =
                FailedCall.of(
                        answered(403, "AccessDenied"), "sns:Publish", "arn:aws:sns:eu-west-1:1:t");

        assertThat(failure.kind()).isEqualTo(FailedCall.Kind.DENIED);
        assertThat(failure).hasMessageStartingWith("sns:Publish failed: ");
        assertThat(failure.resource()).isEqualTo("arn:aws:sns:eu-west-1:1:t");
        assertThat(failure.detail()).isEqualTo("AccessDenied: from the service");
        assertThat(failure.statusCode()).isEqualTo(403);
        assertThat(failure.getStackTrace()).as("the log line says it all").isEmpty();
    }
}
