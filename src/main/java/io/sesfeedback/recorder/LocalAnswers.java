package io.sesfeedback.recorder;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that sends nothing and answers each request as the service answers a successful
 * TransactWriteItems ({@code {}}) or PutLogEvents (a sequence token): for priming the whole
 * recording path without writing anything.
 */
final class LocalAnswers implements SdkHttpClient {

    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SEQUENCE_TOKEN =
            "{\"nextSequenceToken\":\"0\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        byte[] body = target.endsWith(".PutLogEvents") ? SEQUENCE_TOKEN : EMPTY_OBJECT;
        String contentType =
                target.startsWith("DynamoDB_")
                        ? "application/x-amz-json-1.0"
                        : "application/x-amz-json-1.1";
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(
                                SdkHttpResponse.builder()
                                        .statusCode(200)
                                        .putHeader("Content-Type", contentType)
                                        .putHeader("Content-Length", Integer.toString(body.length))
                                        .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    @Override
    public String clientName() {
        return "LocalAnswers";
    }

    @Override
    public void close() {}
}
