package io.sesfeedback.tools.benchmark;

import io.sesfeedback.testing.lambda.LocalContext;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import org.crac.Resource;

/**
 * The main of a fresh child JVM that plays a SnapStart container: init and the priming hook (what
 * the snapshot holds), the restore hook, then the first message, counting the classes it loads. No
 * CRaC JVM here: the handler's org.crac hooks are called directly, in the order Lambda calls them.
 * {@code PrimedStart EVENTS_FILE SPAWN_MILLIS} prints {@code result init.… first.… classesLoaded=…
 * startToMainMillis=… peakRssKb=…}.
 */
public final class PrimedStart {

    private PrimedStart() {}

    public static void main(String[] args) throws Exception {
        long mainMillis = System.currentTimeMillis();
        HandlerRun workload = (HandlerRun) Workload.of("handler", args[0]);
        Phases init = new Phases("init");
        workload.init(init);
        Resource hooks = workload.hooks();
        hooks.beforeCheckpoint(null);
        init.end("beforeCheckpoint");
        hooks.afterRestore(null);
        init.end("afterRestore");
        // Lambda's runtime has loaded its own context classes before any invocation
        new LocalContext().getLogger();
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        long before = classes.getTotalLoadedClassCount();
        Phases first = new Phases("first");
        workload.invoke(0, first);
        long loaded = classes.getTotalLoadedClassCount() - before;
        System.out.println(
                "result "
                        + init
                        + " "
                        + first
                        + " classesLoaded="
                        + loaded
                        + " startToMainMillis="
                        + (mainMillis - Long.parseLong(args[1]))
                        + " peakRssKb="
                        + ColdStart.peakRssKb());
    }
}
