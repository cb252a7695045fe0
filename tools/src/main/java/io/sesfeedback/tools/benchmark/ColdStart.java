package io.sesfeedback.tools.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main of a fresh child JVM that plays a new Lambda execution environment: init, then the first
 * message. {@code ColdStart handler EVENTS_FILE SPAWN_MILLIS} or {@code ColdStart floor KEY_PREFIX
 * SPAWN_MILLIS}, where SPAWN_MILLIS is when the driver started the process. Prints one line for the
 * driver: {@code result init.… first.… startToMainMillis=… peakRssKb=… java=…}.
 */
public final class ColdStart {

    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        long mainMillis = System.currentTimeMillis();
        Workload workload = Workload.of(args[0], args[1]);
        Phases init = new Phases("init");
        workload.init(init);
        Phases first = new Phases("first");
        workload.invoke(0, first);
        System.out.println(
                "result "
                        + init
                        + " "
                        + first
                        + " startToMainMillis="
                        + (mainMillis - Long.parseLong(args[2]))
                        + " peakRssKb="
                        + peakRssKb()
                        + " java="
                        + System.getProperty("java.runtime.version"));
    }

    /** The process's peak resident set so far: Linux's VmHWM. */
    static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("No VmHWM in /proc/self/status");
    }
}
