// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Long-poll clients: each sends its GET, and as soon as it is answered sends the next one on the
 * same keep-alive connection (a new one if the server closed). Counts completed cycles (200
 * answers) and errors (other statuses, failed or dropped connections). Loop thread only, apart
 * from the {@code *Now} readers.
 */
final class Poller
{
    private final Loop loop;
    private final InetSocketAddress proxy;
    private final ByteBuffer request;
    private final List<Client> clients = new ArrayList<>();
    final Map<String, Integer> errorKinds = new TreeMap<>();
    private boolean stopping;
    long cycles;
    long sent;
    long errors;
    long reconnects;
    int waiting;

    Poller(Loop loop, InetSocketAddress proxy, String channel)
    {
        this(loop, proxy, channel, "/poll?ch=" + channel);
    }

    Poller(Loop loop, InetSocketAddress proxy, String channel, String target)
    {
        this.loop = loop;
        this.proxy = proxy;
        String get = "GET " + target + " HTTP/1.1\r\nHost: bench\r\nUser-Agent: holdfast-bench\r\n\r\n";
        this.request = ByteBuffer.wrap(get.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
    }

    /** Starts {@code count} clients (call from any thread). */
    void start(int count)
    {
        loop.execute(() ->
        {
            for (int i = 0; i < count; i++)
            {
                Client client = new Client(loop);
                clients.add(client);
                client.open(proxy);
            }
        });
    }

    /** Clients stop re-polling after their next answer (call from any thread). */
    void stopPolling()
    {
        loop.execute(() -> stopping = true);
    }

    /** Drops every connection (call from any thread). */
    void closeAll()
    {
        loop.call(() ->
        {
            stopping = true;
            clients.forEach(Conn::abort);
            clients.clear();
            return null;
        });
    }

    long cyclesNow()
    {
        return loop.call(() -> cycles);
    }

    long errorsNow()
    {
        return loop.call(() -> errors);
    }

    int waitingNow()
    {
        return loop.call(() -> waiting);
    }

    String errorSummary()
    {
        return loop.call(errorKinds::toString);
    }

    private void error(String kind)
    {
        errors++;
        errorKinds.merge(kind, 1, Integer::sum);
    }

    private final class Client extends Conn implements ResponseParser.Handler
    {
        private final ResponseParser parser = new ResponseParser(this);
        private int status;
        private boolean serverCloses;
        private boolean outstanding;

        Client(Loop loop)
        {
            super(loop);
        }

        @Override
        void onConnected()
        {
            poll();
        }

        private void poll()
        {
            outstanding = true;
            waiting++;
            sent++;
            send(request.duplicate());
        }

        @Override
        void onData(ByteBuffer data, long nanoTime)
        {
            if (!parser.feed(data, nanoTime))
            {
                abort();
                onClosed(new IOException("malformed response"));
            }
        }

        @Override
        public void head(int status, boolean close)
        {
            this.status = status;
            this.serverCloses = close;
        }


        @Override
        public void complete()
        {
            outstanding = false;
            waiting--;
            if (status == 200)
                cycles++;
            else
                error("status " + status);
            if (stopping)
                return;
            if (serverCloses)
            {
                abort();
                reconnects++;
                parser.reset();
                open(proxy);
            }
            else
                poll();
        }

        @Override
        void onClosed(IOException failure)
        {
            if (outstanding)
            {
                outstanding = false;
                waiting--;
            }
            if (stopping)
                return;
            error(failure == null ? "closed by server" : failure.getClass().getSimpleName() + ": " + failure.getMessage());
            reconnects++;
            parser.reset();
            open(proxy);
        }
    }
}
