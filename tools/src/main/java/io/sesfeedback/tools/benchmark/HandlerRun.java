package io.sesfeedback.tools.benchmark;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.sesfeedback.testing.lambda.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.util.List;
import org.crac.Resource;

/**
 * The function's handler, loaded and invoked the way the Lambda Java runtime does it for a {@code
 * Class::method} handler (aws-lambda-java-runtime-interface-client, EventHandlerLoader): at init,
 * the class, its public no-arg constructor and the serializer for the method's input type ({@code
 * LambdaEventSerializers.serializerFor}); at each invocation, the event deserialised from its
 * bytes, then the method. A {@code (InputStream, OutputStream, Context)} method gets the bytes
 * instead; a RequestStreamHandler is called through its interface, not by reflection, as the
 * runtime calls it.
 */
final class HandlerRun implements Workload {

    private final String handler;
    private final List<byte[]> events;
    private Object instance;
    private Method method;
    private PojoSerializer<?> serializer;

    HandlerRun(String handler, List<byte[]> events) {
        this.handler = handler;
        this.events = events;
    }

    @Override
    public void init(Phases init) throws Exception {
        int separator = handler.indexOf("::");
        if (separator < 0) {
            throw new IllegalArgumentException(
                    "Expected a Class::method handler, as in template.yaml: " + handler);
        }
        Class<?> type = Class.forName(handler.substring(0, separator));
        method = handlerMethod(type, handler.substring(separator + 2));
        instance = type.getConstructor().newInstance();
        init.end("constructor");
        Class<?> input = method.getParameterTypes()[0];
        if (input != InputStream.class) {
            if (!LambdaEventSerializers.isLambdaSupportedEvent(input.getName())) {
                throw new IllegalStateException(
                        "The runtime reads "
                                + input.getName()
                                + " with its own Jackson, which this benchmark does not reproduce");
            }
            serializer =
                    LambdaEventSerializers.serializerFor(input, HandlerRun.class.getClassLoader());
            init.end("serializer");
        }
    }

    /** The handler's SnapStart hooks; an error when it has none. */
    Resource hooks() {
        if (instance instanceof Resource hooks) {
            return hooks;
        }
        throw new IllegalStateException(
                handler + " has no org.crac hooks: nothing primes it before a snapshot");
    }

    @Override
    public void invoke(int i, Phases phases) throws Exception {
        InputStream event = new ByteArrayInputStream(events.get(i));
        if (instance instanceof RequestStreamHandler streamHandler) {
            streamHandler.handleRequest(event, new ByteArrayOutputStream(), new LocalContext());
        } else if (serializer == null) {
            method.invoke(instance, event, new ByteArrayOutputStream(), new LocalContext());
        } else {
            Object input = serializer.fromJson(event);
            phases.end("deserialise");
            method.invoke(instance, input, new LocalContext());
        }
        phases.end("handleRequest");
    }

    /**
     * The runtime's choice among the public methods of that name: a bridge method last, then the
     * longest signature, a trailing Context counting twice. Of the signatures the runtime accepts,
     * the two the recorder may use.
     */
    private static Method handlerMethod(Class<?> type, String name) {
        Method chosen = null;
        for (Method candidate : type.getMethods()) {
            if (candidate.getName().equals(name)
                    && (chosen == null || rank(candidate) > rank(chosen))) {
                chosen = candidate;
            }
        }
        if (chosen == null || !(isStreamHandler(chosen) || isEventHandler(chosen))) {
            throw new IllegalStateException(
                    "No method "
                            + name
                            + "(event, Context) or "
                            + name
                            + "(InputStream, OutputStream, Context) on "
                            + type.getName());
        }
        return chosen;
    }

    private static int rank(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        int length = parameters.length;
        boolean endsWithContext = length > 0 && parameters[length - 1] == Context.class;
        return (method.isBridge() ? 0 : 100) + length + (endsWithContext ? 1 : 0);
    }

    private static boolean isStreamHandler(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        return parameters.length == 3
                && parameters[0] == InputStream.class
                && parameters[1] == OutputStream.class
                && parameters[2] == Context.class;
    }

    private static boolean isEventHandler(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        return parameters.length == 2 && parameters[1] == Context.class;
    }
}
