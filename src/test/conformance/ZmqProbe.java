// SPDX-License-Identifier: Apache-2.0

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Side-by-side probe of the ZeroMQ interfaces (GRIP §6, §10.2) of a running Pushpin or Holdfast:
 * sends the same PULL, SUB and command messages to either and prints what a held stream received,
 * the command replies and the stats messages, as escaped bytes, so two runs can be diffed. The
 * target must route {@code /stream?channel=C} to a stream hold on channel C.
 *
 * <p>usage: java -cp jeromq-0.6.0.jar ZmqProbe.java HTTP_PORT PULL_EP SUB_EP COMMAND_EP STATS_EP [crash]
 * (the SUB endpoint is a bound SUB: the probe connects an XPUB to it and prints the subscriptions
 * it sees; {@code crash} finally sends a truncated tnetstring to PULL and checks the input still works).
 */
public final class ZmqProbe
{
    private final ZContext zmq = new ZContext();
    private final int httpPort;
    private final ZMQ.Socket push;
    private final ZMQ.Socket xpub;
    private ZMQ.Socket req;
    private final ZMQ.Socket stats;
    private final String commandEndpoint;

    ZmqProbe(String[] args)
    {
        httpPort = Integer.parseInt(args[0]);
        push = zmq.createSocket(SocketType.PUSH);
        push.connect(args[1]);
        xpub = zmq.createSocket(SocketType.XPUB);
        xpub.setXpubVerbose(true);
        xpub.connect(args[2]);
        commandEndpoint = args[3];
        req = newReq();
        stats = zmq.createSocket(SocketType.SUB);
        stats.subscribe(new byte[0]);
        stats.connect(args[4]);
    }

    public static void main(String[] args) throws Exception
    {
        ZmqProbe probe = new ZmqProbe(args);
        probe.run(args.length > 5 && args[5].equals("crash"));
        probe.zmq.close();
        System.exit(0);
    }

    void run(boolean crash) throws Exception
    {
        Stream s = new Stream(httpPort, "zp");
        // The target subscribes its SUB socket once the stream holds: wait for that, not for time.
        print("subscriptions after stream open", awaitXpub(2000));
        section("PULL");
        pull("J json http-stream", "J{\"channel\":\"zp\",\"formats\":{\"http-stream\":{\"content\":\"j1\\n\"}}}", s);
        pull("T tnet http-stream", "T" + dict("channel", str("zp"), "formats",
            dict("http-stream", dict("content", str("t1\n")))), s);
        pull("no prefix tnet", dict("channel", str("zp"), "formats",
            dict("http-stream", dict("content", str("t2\n")))), s);
        pull("T content-bin only", "T" + dict("channel", str("zp"), "formats",
            dict("http-stream", dict("content-bin", str("YmluCg==")))), s);
        pull("T content and content-bin", "T" + dict("channel", str("zp"), "formats",
            dict("http-stream", dict("content-bin", str("YmluCg=="), "content", str("t3\n")))), s);
        pull("J content-bin", "J{\"channel\":\"zp\",\"formats\":{\"http-stream\":{\"content-bin\":\"ajIK\"}}}", s);
        pull("T int and bool fields", "T" + dict("channel", str("zp"), "no-seq", "4:true!", "formats",
            dict("http-stream", dict("content", str("t4\n")))), s);
        pull("garbage", "xyz", s);
        pull("J not json", "J{nope", s);
        pull("J array", "J[1]", s);
        pull("T bad type tag", "T3:abc?", s);
        pull("T missing channel", "T" + dict("formats", dict("http-stream", dict("content", str("x\n")))), s);
        pull("empty message", "", s);
        send("two parts", s, () -> push.sendMore("J{}"), () -> push.send("J{}"));
        pull("J after bad input", "J{\"channel\":\"zp\",\"formats\":{\"http-stream\":{\"content\":\"j2\\n\"}}}", s);

        section("SUB");
        send("[channel, J]", s, () -> xpub.sendMore("zp"),
            () -> xpub.send("J{\"channel\":\"ignored\",\"formats\":{\"http-stream\":{\"content\":\"s1\\n\"}}}"));
        send("[channel, T]", s, () -> xpub.sendMore("zp"),
            () -> xpub.send("T" + dict("formats", dict("http-stream", dict("content", str("s2\n"))))));
        send("one part", s, () -> xpub.send("zp"));
        send("three parts", s, () -> xpub.sendMore("zp"), () -> xpub.sendMore("J{}"), () -> xpub.send("J{}"));
        send("[channel, garbage]", s, () -> xpub.sendMore("zp"), () -> xpub.send("T3:abc?"));
        send("[channel, J] after bad input", s, () -> xpub.sendMore("zp"),
            () -> xpub.send("J{\"formats\":{\"http-stream\":{\"content\":\"s3\\n\"}}}"));

        section("command");
        command("get-zmq-uris", dict("id", str("1"), "method", str("get-zmq-uris")));
        command("recover", dict("id", str("2"), "method", str("recover")));
        command("conncheck unknown ids", dict("id", str("3"), "method", str("conncheck"), "args",
            dict("ids", list(str("nope:1"), str("nope:2")))));
        command("conncheck ids not a list", dict("id", str("4"), "method", str("conncheck"), "args",
            dict("ids", str("x"))));
        command("refresh without args", dict("id", str("5"), "method", str("refresh")));
        command("refresh channel", dict("id", str("6"), "method", str("refresh"), "args", dict("channel", str("zp"))));
        command("refresh unknown cid", dict("id", str("7"), "method", str("refresh"), "args", dict("cid", str("nope:1"))));
        command("publish", dict("id", str("8"), "method", str("publish"), "args", dict("items",
            list(dict("channel", str("zp"), "formats", dict("http-stream", dict("content", str("c1\n"))))))));
        print("stream after command publish", s.take());
        command("publish without items", dict("id", str("9"), "method", str("publish"), "args", dict()));
        command("publish items not a list", dict("id", str("10"), "method", str("publish"), "args",
            dict("items", str("x"))));
        command("publish bad item", dict("id", str("11"), "method", str("publish"), "args", dict("items",
            list(dict("channel", str("zp"))))));
        command("unknown method", dict("id", str("12"), "method", str("nope")));
        command("no id", dict("method", str("recover")));
        command("garbage request", "hello");
        command("get-zmq-uris after garbage", dict("id", str("13"), "method", str("get-zmq-uris")));

        section("stats");
        List<String> statsBefore = drainStats(300);
        print("stats so far (stream open, publishes)", statsBefore);
        s.close();
        print("subscriptions after stream close", awaitXpub(2000));
        print("stats after stream close", drainStats(300));
        print("stats within the next report", drainStats(4000));
        if (crash)
        {
            section("truncated tnetstring on PULL");
            Stream s2 = new Stream(httpPort, "zp");
            pull("T declared length longer than data", "T99:abc,", s2);
            pull("J after truncated", "J{\"channel\":\"zp\",\"formats\":{\"http-stream\":{\"content\":\"j3\\n\"}}}", s2);
            s2.close();
        }
    }

    void pull(String what, String message, Stream s) throws Exception
    {
        send(what, s, () -> push.send(message));
    }

    void send(String what, Stream s, Runnable... parts) throws Exception
    {
        for (Runnable part : parts)
            part.run();
        print(what, s.take());
    }

    void command(String what, String request)
    {
        req.send(request);
        byte[] reply = req.recv();
        if (reply == null)
        {
            print(what, List.of("(no reply within 2 s)"));
            req.close();
            // a REQ socket that got no answer cannot send again
            req = newReq();
            return;
        }
        print(what, List.of(escape(reply)));
    }

    private ZMQ.Socket newReq()
    {
        ZMQ.Socket socket = zmq.createSocket(SocketType.REQ);
        socket.setReceiveTimeOut(2000);
        socket.setLinger(0);
        socket.connect(commandEndpoint);
        return socket;
    }

    /** The subscription frames the XPUB sees: the first within {@code millis}, then whatever else is there. */
    List<String> awaitXpub(int millis)
    {
        List<String> out = new ArrayList<>();
        xpub.setReceiveTimeOut(millis);
        byte[] frame = xpub.recv();
        while (frame != null)
        {
            out.add(escape(frame));
            frame = xpub.recv(ZMQ.DONTWAIT);
        }
        return out;
    }

    List<String> drainStats(long millis)
    {
        List<String> out = new ArrayList<>();
        long until = System.currentTimeMillis() + millis;
        stats.setReceiveTimeOut(50);
        while (System.currentTimeMillis() < until)
        {
            byte[] message = stats.recv();
            if (message != null)
                out.add(escape(message));
        }
        return out;
    }

    static void section(String name)
    {
        System.out.println("== " + name);
    }

    static void print(String what, List<String> lines)
    {
        System.out.println("-- " + what);
        for (String line : lines)
            System.out.println("   " + line);
    }

    static String str(String s)
    {
        return s.getBytes(StandardCharsets.UTF_8).length + ":" + s + ",";
    }

    static String dict(String... keyValues)
    {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < keyValues.length; i += 2)
            body.append(str(keyValues[i])).append(keyValues[i + 1]);
        return body.toString().getBytes(StandardCharsets.UTF_8).length + ":" + body + "}";
    }

    static String list(String... values)
    {
        String body = String.join("", values);
        return body.getBytes(StandardCharsets.UTF_8).length + ":" + body + "]";
    }

    static String escape(byte[] bytes)
    {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes)
        {
            int c = b & 0xff;
            if (c == '\\')
                out.append("\\\\");
            else if (c == '\n')
                out.append("\\n");
            else if (c == '\r')
                out.append("\\r");
            else if (c >= 0x20 && c < 0x7f)
                out.append((char)c);
            else
                out.append(String.format("\\x%02x", c));
        }
        return out.toString();
    }

    /** A held stream: everything it receives after the head and the first chunk. */
    static final class Stream
    {
        private final Socket socket;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private static final long QUIET_NANOS = 300_000_000L;
        private static final long MAX_TAKE_NANOS = 2_000_000_000L;
        // Guarded by received's monitor, which the reader notifies on every arrival.
        private long lastByte;
        private int taken;

        Stream(int port, String channel) throws IOException, InterruptedException
        {
            socket = new Socket("127.0.0.1", port);
            socket.getOutputStream().write(("GET /stream?channel=" + channel + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            Thread reader = new Thread(this::read, "stream-reader");
            reader.setDaemon(true);
            reader.start();
            // The head and the first chunk, then quiet: what take() returns from now on is what was pushed.
            awaitBytes(1, 5000);
            take();
        }

        private void read()
        {
            byte[] buf = new byte[8192];
            try
            {
                InputStream in = socket.getInputStream();
                int n;
                while ((n = in.read(buf)) > 0)
                {
                    synchronized (received)
                    {
                        received.write(buf, 0, n);
                        lastByte = System.nanoTime();
                        received.notifyAll();
                    }
                }
            }
            catch (IOException ignored)
            {
                // closed
            }
        }

        /** Waits until at least {@code count} bytes arrived in all, or {@code millis} passed. */
        private void awaitBytes(int count, long millis) throws InterruptedException
        {
            long deadline = System.nanoTime() + millis * 1_000_000L;
            synchronized (received)
            {
                for (long left = deadline - System.nanoTime(); received.size() < count && left > 0;
                     left = deadline - System.nanoTime())
                    received.wait(Math.max(1, left / 1_000_000L));
            }
        }

        /** What arrived since the last take, once nothing new came for 300 ms (2 s at most). */
        List<String> take() throws InterruptedException
        {
            long start = System.nanoTime();
            byte[] all;
            synchronized (received)
            {
                // Quiet means 300 ms since the later of this call and the last byte: the reader notifies each arrival.
                for (long quietFor = QUIET_NANOS; quietFor > 0 && System.nanoTime() - start < MAX_TAKE_NANOS; )
                {
                    received.wait(Math.max(1, quietFor / 1_000_000L));
                    quietFor = Math.max(start, lastByte) + QUIET_NANOS - System.nanoTime();
                }
                all = received.toByteArray();
            }
            byte[] fresh = java.util.Arrays.copyOfRange(all, taken, all.length);
            taken = all.length;
            return fresh.length == 0 ? List.of("(nothing)") : List.of(escape(fresh));
        }

        void close() throws IOException
        {
            socket.close();
        }
    }
}
