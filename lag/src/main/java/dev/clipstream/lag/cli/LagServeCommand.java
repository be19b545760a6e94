package dev.clipstream.lag.cli;

import dev.clipstream.lag.monitor.LagMonitor;
import dev.clipstream.lag.monitor.LagSettings;
import dev.clipstream.runtime.management.ManagementSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream lag serve}: the monitor as a service until Ctrl-C: Prometheus metrics and the lag page. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
                "Evaluate lag every lag.interval until Ctrl-C and publish it: Prometheus metrics on the management "
                        + "port (/metrics, /healthz, /readyz; default 9084) and a self-refreshing page with a chart "
                        + "per group on the web port (/lag, JSON at /api/lag; default 9085)."})
public final class LagServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LagOptions options;

    @Option(names = "--web-port", paramLabel = "PORT", description = "Port of /lag and /api/lag; 0 = any free port. "
            + "Default: lag.web.port (9085).")
    Integer webPort;

    @Option(names = "--management-port", paramLabel = "PORT", description = "Port of /metrics, /healthz, /readyz; "
            + "0 = any free port. Default: management.port (9084).")
    Integer managementPort;

    @Override
    public Integer call() throws InterruptedException {
        LagOptions.Resolved resolved = options.resolve(spec);
        LagSettings settings = resolved.settings();
        ManagementSettings management = ManagementSettings.from(resolved.config(), "clipstream-lag");
        try {
            if (webPort != null) {
                settings = settings.withWeb(settings.webHost(), webPort);
            }
            if (managementPort != null) {
                management = new ManagementSettings(management.serviceName(), management.host(), managementPort,
                        management.readinessTimeout());
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        resolved.config().logEffectiveConfig("clipstream-lag");
        LagMonitor monitor = LagMonitor.start(settings, management, resolved.bootstrapServers(),
                LagConfig.clientOverrides(resolved.config()), LagConfig.units(resolved.registryUrl()));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Lag monitor running. Page: " + monitor.pageUri() + "  JSON: " + monitor.apiUri()
                + "  Metrics: " + monitor.metricsUri());
        out.println("Press Ctrl-C to stop.");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(monitor::close, "clipstream-lag-stop"));
        new CountDownLatch(1).await();
        return CommandLine.ExitCode.OK;
    }
}
