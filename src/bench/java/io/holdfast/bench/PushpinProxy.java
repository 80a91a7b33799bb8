// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference Pushpin (Debian package), configured the way ../shared/tools/pushpin-up.sh does
 * (a private run and log directory, loopback ports, zurl sockets in the run directory) plus
 * {@code message_rate} and {@code message_hwm} raised so its engine, not its throttle, is
 * measured; the runner and all its children (condure, zurl, pushpin-proxy, pushpin-handler) are
 * pinned to one core with {@code taskset}.
 */
final class PushpinProxy extends Proxy
{
    static final int MESSAGE_RATE = 10_000_000;
    static final int MESSAGE_HWM = 10_000_000;

    private final Path work;
    private final int core;
    private final int pull;
    private final int sub;
    private final Path routes;
    private int starts;

    PushpinProxy(Path work, int core, int httpPort, int controlPort, int pull, int sub, Path routes)
    {
        super("Pushpin", httpPort, controlPort);
        this.work = work;
        this.core = core;
        this.pull = pull;
        this.sub = sub;
        this.routes = routes;
    }

    /** Why Pushpin cannot run here, or null when it can. */
    static String unavailable()
    {
        return Files.isExecutable(Path.of("/usr/bin/pushpin")) && Files.isReadable(Path.of("/etc/pushpin/pushpin.conf"))
            ? null : "Pushpin is not installed (no /usr/bin/pushpin and /etc/pushpin/pushpin.conf; see pushpin.org for packages)";
    }

    @Override
    void start() throws Exception
    {
        starts++;
        Path dir = work.resolve("pushpin");
        Dirs.delete(dir);
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("log"));
        Files.copy(routes, dir.resolve("routes"));
        List<String> conf = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/etc/pushpin/pushpin.conf")))
        {
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')) : "";
            conf.add(switch (key)
            {
                case "rundir" -> "rundir=" + dir.resolve("run");
                case "logdir" -> "logdir=" + dir.resolve("log");
                case "services" -> "services=condure,zurl,pushpin-proxy,pushpin-handler";
                case "http_port" -> "http_port=127.0.0.1:" + http.getPort();
                case "push_in_http_port" -> "push_in_http_port=" + control.getPort();
                case "push_in_spec" -> "push_in_spec=tcp://127.0.0.1:" + pull;
                case "push_in_sub_specs" -> "push_in_sub_specs=tcp://127.0.0.1:" + sub;
                case "command_spec" -> "command_spec=tcp://127.0.0.1:" + (pull + 3);
                case "message_rate" -> "message_rate=" + MESSAGE_RATE;
                case "message_hwm" -> "message_hwm=" + MESSAGE_HWM;
                default -> line;
            });
            if (line.equals("[proxy]"))
            {
                conf.add("zurl_out_specs=ipc://{rundir}/{ipc_prefix}zurl-in");
                conf.add("zurl_out_stream_specs=ipc://{rundir}/{ipc_prefix}zurl-in-stream");
                conf.add("zurl_in_specs=ipc://{rundir}/{ipc_prefix}zurl-out");
            }
        }
        Path confFile = dir.resolve("pushpin.conf");
        Files.write(confFile, conf);
        launch(pinned(core, List.of("pushpin", "--config", confFile.toString())), dir, Map.of(), dir.resolve("log/runner.log"),
            60_000);
    }

    @Override
    String describe()
    {
        return version() + ", message_rate=" + MESSAGE_RATE + ", message_hwm=" + MESSAGE_HWM;
    }

    static String version()
    {
        try
        {
            Process p = new ProcessBuilder("pushpin", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out.lines().findFirst().orElse("pushpin");
        }
        catch (Exception e)
        {
            return "pushpin (version unknown)";
        }
    }
}
