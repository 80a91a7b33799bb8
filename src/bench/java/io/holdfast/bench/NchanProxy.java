// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * nginx with the nchan module (Debian's libnginx-mod-nchan), run as {@link NginxProxy} runs nginx
 * (one worker, pinned, its own directories): the pub/sub server nginx users reach for. Subscribers
 * GET {@code /stream?ch=C} on the client port, the same request the GRIP proxies get, answered by
 * nchan's {@code http-raw-stream} subscriber: a response delimited by the connection's close (no
 * chunking) carrying each message's raw body followed by a newline, which the stream parser reads
 * as it reads a chunked stream. nchan has no GRIP, JSON items or multi-item publish: a publish is
 * one raw {@code POST /pub?ch=C} per message on the control port, one after the other on a
 * kept-alive connection (a 20-item publish is 20 POSTs), and streams end with {@code DELETE
 * /pub?ch=C}, which closes its subscribers. It has no origin, so long-polls (held by the origin's
 * answer) and pass-through do not run against it.
 */
final class NchanProxy extends NginxProxy
{
    private static final Path MODULE = Path.of("/usr/lib/nginx/modules/ngx_nchan_module.so");
    private static final Set<String> NOT_RUN = Set.of("longpoll", "passthrough", "slowburst");
    /** Messages kept per channel: more than a burst publishes to one channel, so none is dropped for room. */
    static final int BUFFER_LENGTH = 1000;
    static final String MESSAGE_TIMEOUT = "5m";
    /** Shared memory for channels and messages: 1,000 channels of a multi run hold a few MB. */
    static final String RESERVED_MEMORY = "512M";

    NchanProxy(Path work, int core, int httpPort, int controlPort)
    {
        super("nchan", "nchan", work, core, httpPort, controlPort, 0);
    }

    /** Why nchan cannot run here, or null when it can. */
    static String unavailable()
    {
        String nginx = NginxProxy.unavailable();
        if (nginx != null)
            return nginx;
        return Files.isReadable(MODULE) ? null : "the nchan module is not installed (no " + MODULE
            + "; apt-get install -y libnginx-mod-nchan)";
    }

    @Override
    boolean runs(String scenario)
    {
        return !NOT_RUN.contains(scenario);
    }

    @Override
    protected String modules()
    {
        return "load_module " + MODULE + ";\n";
    }

    @Override
    protected String servers()
    {
        // first_message newest: a subscriber gets what is published after it subscribed, as on a
        // GRIP proxy, not the channel's buffered messages.
        return """
              nchan_max_reserved_memory %s;
              nchan_message_buffer_length %d;
              nchan_message_timeout %s;
              server
              {
                listen 127.0.0.1:%d backlog=%d;
                location = /stream
                {
                  nchan_subscriber http-raw-stream;
                  nchan_subscriber_first_message newest;
                  nchan_channel_id $arg_ch;
                }
                location = /hello
                {
                  return 200 "hello\\n";
                }
              }
              server
              {
                listen 127.0.0.1:%d;
                location = /pub
                {
                  nchan_publisher;
                  nchan_channel_id $arg_ch;
                }
              }
            """.formatted(RESERVED_MEMORY, BUFFER_LENGTH, MESSAGE_TIMEOUT, http.getPort(), BACKLOG, control.getPort());
    }

    @Override
    PublishBody streamPublish(String channel, int count)
    {
        return PublishBody.raw("POST", "/pub?ch=", Collections.nCopies(count, channel), PublishBody.STREAM_TEXT);
    }

    @Override
    PublishBody closePublish(List<String> channels)
    {
        return PublishBody.raw("DELETE", "/pub?ch=", channels, null);
    }

    @Override
    PublishBody responsePublish(String channel)
    {
        throw new UnsupportedOperationException("nchan holds no long-polls for an origin");
    }

    @Override
    String describe()
    {
        return version() + " with nchan " + moduleVersion() + ", worker_processes 1, http-raw-stream subscribers, "
            + "raw POST publishes, nchan_message_buffer_length " + BUFFER_LENGTH + ", nchan_message_timeout "
            + MESSAGE_TIMEOUT + ", nchan_max_reserved_memory " + RESERVED_MEMORY + ", listen backlog " + BACKLOG
            + ", access log on (unbuffered)";
    }

    @Override
    String note()
    {
        return "nchan: one raw POST per message (a publish of N items is N POSTs on one connection, one after the "
            + "other), http-raw-stream subscribers, streams closed by DELETE; no long-poll or pass-through";
    }

    /** The Debian package's version of the module, which the module does not report itself. */
    private static String moduleVersion()
    {
        try
        {
            Process p = new ProcessBuilder("dpkg-query", "-W", "-f", "${Version}", "libnginx-mod-nchan")
                .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? out : "(version unknown)";
        }
        catch (Exception e)
        {
            return "(version unknown)";
        }
    }
}
