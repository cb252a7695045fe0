package io.sesfeedback.support;

import io.sesfeedback.store.FeedbackTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Faults a real emulator cannot produce, injected into a real SDK client: a call refused before it
 * is sent (nothing written), or one whose response is lost after the service did the work. Calls
 * are counted per operation name.
 */
public final class Faults implements ExecutionInterceptor {

    private record Fault(
            String operation,
            int call,
            boolean afterWork,
            Function<SdkRequest, RuntimeException> error) {}

    /**
     * The puts of event items, counted apart from the message item's: they run at once, in no fixed
     * order.
     */
    private static final String EVENT_PUT = "PutItem of an event item";

    private final List<Fault> faults = new ArrayList<>();
    private final Map<String, AtomicInteger> started = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();

    /** The {@code call}-th call of the operation (from 1) fails before it reaches the service. */
    public synchronized Faults failBefore(
            String operation, int call, Function<SdkRequest, RuntimeException> error) {
        faults.add(new Fault(operation, call, false, error));
        return this;
    }

    /** The {@code call}-th call of the operation does its work, and then its response is lost. */
    public synchronized Faults failAfter(
            String operation, int call, Function<SdkRequest, RuntimeException> error) {
        faults.add(new Fault(operation, call, true, error));
        return this;
    }

    /**
     * The {@code call}-th put of a recipient's event item (from 1) fails before it reaches the
     * service.
     */
    public Faults failEventPutBefore(int call, Function<SdkRequest, RuntimeException> error) {
        return failBefore(EVENT_PUT, call, error);
    }

    public int calls(String operation) {
        return started.getOrDefault(operation, new AtomicInteger()).get();
    }

    public static Function<SdkRequest, RuntimeException> throttled() {
        return request ->
                ProvisionedThroughputExceededException.builder()
                        .message("Injected: throughput exceeded")
                        .build();
    }

    /**
     * What DynamoDB answers when another transaction holds the same items: one TransactionConflict
     * reason per item.
     */
    public static Function<SdkRequest, RuntimeException> transactionConflict() {
        return request -> {
            List<CancellationReason> reasons = new ArrayList<>();
            for (int i = 0;
                    i
                            < request.getValueForField("TransactItems", List.class)
                                    .map(List::size)
                                    .orElse(0);
                    i++) {
                reasons.add(
                        CancellationReason.builder()
                                .code("TransactionConflict")
                                .message("Injected conflict")
                                .build());
            }
            return TransactionCanceledException.builder()
                    .message("Injected: transaction conflict")
                    .cancellationReasons(reasons)
                    .build();
        };
    }

    /** Any failure with this message, such as a connection reset. */
    public static Function<SdkRequest, RuntimeException> failure(String message) {
        return request -> SdkClientException.create("Injected: " + message);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        inject(context.request(), attributes, started, false);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        inject(context.request(), attributes, finished, true);
    }

    private void inject(
            SdkRequest request,
            ExecutionAttributes attributes,
            Map<String, AtomicInteger> counts,
            boolean afterWork) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (request instanceof PutItemRequest put
                && put.item()
                        .get(FeedbackTable.PK)
                        .s()
                        .startsWith(FeedbackTable.RECIPIENT_PREFIX)) {
            inject(request, EVENT_PUT, counts, afterWork);
        }
        inject(request, operation, counts, afterWork);
    }

    private void inject(
            SdkRequest request,
            String operation,
            Map<String, AtomicInteger> counts,
            boolean afterWork) {
        int call = counts.computeIfAbsent(operation, name -> new AtomicInteger()).incrementAndGet();
        List<Fault> matching;
        synchronized (this) {
            matching =
                    faults.stream()
                            .filter(
                                    f ->
                                            f.operation().equals(operation)
                                                    && f.call() == call
                                                    && f.afterWork() == afterWork)
                            .toList();
        }
        if (!matching.isEmpty()) {
            throw matching.get(0).error().apply(request);
        }
    }
}
