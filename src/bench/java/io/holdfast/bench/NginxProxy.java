// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Plain nginx (the Debian package) as the reverse proxy most sites already run: one worker process,
 * the master and worker pinned to one core with {@code taskset}, its own prefix, configuration,
 * pid file, logs and temporary directories under the work directory, and {@code proxy_pass} to the
 * origin over a pool of kept-alive upstream connections. It holds nothing and publishes nothing,
 * so only pass-through runs against it: what a proxy in C on one core does there. Subclasses
 * ({@link NchanProxy}) serve other locations the same way ({@link #modules}, {@link #servers}).
 */
class NginxProxy extends Proxy
{
    static final Path BINARY = Path.of("/usr/sbin/nginx");
    /** What every target's process may hold open (ulimit -n of this machine's benchmark), as connections. */
    private static final int WORKER_CONNECTIONS = 20_000;
    /** The accept queue of Holdfast's client listener (holdfast-connectors.xml), rather than nginx's 511. */
    protected static final int BACKLOG = 1024;

    private final Path work;
    private final String dirName;
    private final int core;
    private final int originPort;

    NginxProxy(Path work, int core, int httpPort, int controlPort, int originPort)
    {
        this("nginx", "nginx", work, core, httpPort, controlPort, originPort);
    }

    protected NginxProxy(String name, String dirName, Path work, int core, int httpPort, int controlPort, int originPort)
    {
        super(name, httpPort, controlPort);
        this.work = work;
        this.dirName = dirName;
        this.core = core;
        this.originPort = originPort;
    }

    /** Why nginx cannot run here, or null when it can. */
    static String unavailable()
    {
        return Files.isExecutable(BINARY) ? null : "nginx is not installed (apt-get install -y nginx libnginx-mod-nchan)";
    }

    @Override
    boolean runs(String scenario)
    {
        return scenario.equals("passthrough");
    }

    @Override
    void start() throws Exception
    {
        Path dir = work.resolve(dirName);
        Dirs.delete(dir);
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("temp"));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, configuration(dir));
        // daemon off: the master stays this process (the worker its child), so stop() and the
        // measurements find both; -e: the error log is ours from the first line on.
        launch(pinned(core, List.of(BINARY.toString(), "-p", dir + "/", "-c", conf.toString(), "-e",
            dir.resolve("logs/error.log").toString(), "-g", "daemon off;")), dir, Map.of(), dir.resolve("logs/nginx.out"),
            30_000);
    }

    /** The whole nginx.conf: one worker, logs and temporary files under {@code dir}, then {@link #servers}. */
    private String configuration(Path dir)
    {
        StringBuilder temp = new StringBuilder();
        for (String kind : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
            temp.append("  ").append(kind).append("_temp_path ").append(dir.resolve("temp/" + kind)).append(";\n");
        return modules() + """
            worker_processes 1;
            pid %s;
            error_log %s warn;
            events
            {
              worker_connections %d;
            }
            http
            {
              # As Debian's nginx.conf: every request logged, unbuffered.
              access_log %s;
            %s%s}
            """.formatted(dir.resolve("nginx.pid"), dir.resolve("logs/error.log"), WORKER_CONNECTIONS,
            dir.resolve("logs/access.log"), temp, servers());
    }

    /** Directives before the main context's others ({@code load_module}). */
    protected String modules()
    {
        return "";
    }

    /** The http context's upstreams and servers. */
    protected String servers()
    {
        return """
              upstream origin
              {
                server 127.0.0.1:%d;
                # Idle upstream connections kept per worker: more than the 64 wrk connections of pass-through.
                keepalive 128;
              }
              server
              {
                listen 127.0.0.1:%d backlog=%d;
                location /
                {
                  proxy_pass http://origin;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                }
              }
            """.formatted(originPort, http.getPort(), BACKLOG);
    }

    @Override
    String describe()
    {
        return version() + ", worker_processes 1, proxy_pass to the origin with keepalive 128, HTTP/1.1 upstream, "
            + "listen backlog " + BACKLOG + ", access log on (unbuffered)";
    }

    static String version()
    {
        try
        {
            Process p = new ProcessBuilder(BINARY.toString(), "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out.replace("nginx version: ", "");
        }
        catch (Exception e)
        {
            return "nginx (version unknown)";
        }
    }
}
