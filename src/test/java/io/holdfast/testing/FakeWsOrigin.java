// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket origin on a raw socket, so a test controls its handshake answer to the byte (the
 * {@code grip} extension, a refusal with a body) and every frame it sends. Each accepted
 * connection is a {@link Connection} with a queue of the frames received. Loopback, ephemeral
 * port, a thread per connection (it is a test peer).
 */
public final class FakeWsOrigin implements AutoCloseable
{
    /** An EOF marker in {@link Connection#received}. */
    public static final int EOF = -1;

    private final ServerSocket server;
    private final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new ArrayList<>();
    private volatile String extensions = "grip";
    private volatile String refusal;
    private volatile String protocol;

    public FakeWsOrigin() throws IOException
    {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "fake-ws-origin");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port()
    {
        return server.getLocalPort();
    }

    /** The Sec-WebSocket-Extensions value of the 101 (null: none, so no GRIP). */
    public FakeWsOrigin extensions(String value)
    {
        extensions = value;
        return this;
    }

    /** The subprotocol the 101 chooses (null: none). */
    public FakeWsOrigin protocol(String value)
    {
        protocol = value;
        return this;
    }

    /** Answers every handshake with this raw HTTP response instead of a 101. */
    public FakeWsOrigin refuseWith(String rawResponse)
    {
        refusal = rawResponse;
        return this;
    }

    /** The next connection the origin accepted, waiting up to five seconds. */
    public Connection take() throws InterruptedException
    {
        Connection connection = connections.poll(5, TimeUnit.SECONDS);
        if (connection == null)
            throw new AssertionError("the origin received no WebSocket connection");
        return connection;
    }

    private void accept()
    {
        while (!server.isClosed())
        {
            try
            {
                Socket socket = server.accept();
                synchronized (sockets)
                {
                    sockets.add(socket);
                }
                Thread reader = new Thread(() -> serve(socket), "fake-ws-origin-conn");
                reader.setDaemon(true);
                reader.start();
            }
            catch (IOException closed)
            {
                return;
            }
        }
    }

    private void serve(Socket socket)
    {
        try
        {
            InputStream in = socket.getInputStream();
            Map<String, String> headers = readHead(in);
            OutputStream out = socket.getOutputStream();
            if (refusal != null)
            {
                out.write(refusal.getBytes(StandardCharsets.UTF_8));
                socket.close();
                return;
            }
            StringBuilder response = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + WsFrames.accept(headers.get("sec-websocket-key")) + "\r\n");
            if (extensions != null)
                response.append("Sec-WebSocket-Extensions: ").append(extensions).append("\r\n");
            if (protocol != null)
                response.append("Sec-WebSocket-Protocol: ").append(protocol).append("\r\n");
            out.write(response.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            Connection connection = new Connection(socket, headers);
            connections.add(connection);
            connection.readLoop(in);
        }
        catch (IOException e)
        {
            // the connection ended
        }
    }

    private static Map<String, String> readHead(InputStream in) throws IOException
    {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4)
        {
            int b = in.read();
            if (b < 0)
                throw new IOException("EOF in handshake");
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        headers.put(":request", lines[0]);
        for (int i = 1; i < lines.length; i++)
        {
            int colon = lines[i].indexOf(':');
            if (colon > 0)
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        return headers;
    }

    @Override
    public void close() throws IOException
    {
        server.close();
        synchronized (sockets)
        {
            for (Socket socket : sockets)
                socket.close();
        }
    }

    /** One accepted WebSocket. */
    public static final class Connection
    {
        private final Socket socket;
        private final Map<String, String> headers;
        private final BlockingQueue<WsFrames.Frame> received = new LinkedBlockingQueue<>();

        Connection(Socket socket, Map<String, String> headers)
        {
            this.socket = socket;
            this.headers = headers;
        }

        /** A handshake request header (any case), or {@code ":request"} for the request line. */
        public String header(String name)
        {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The next frame received (an {@link #EOF} frame when the connection ended). */
        public WsFrames.Frame next() throws InterruptedException
        {
            return next(Duration.ofSeconds(5));
        }

        /** The next frame received, waiting up to {@code timeout}. */
        public WsFrames.Frame next(Duration timeout) throws InterruptedException
        {
            WsFrames.Frame frame = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null)
                throw new AssertionError("the origin received no frame");
            return frame;
        }

        public String nextText() throws InterruptedException
        {
            WsFrames.Frame frame = next();
            if (frame.opcode() != WsFrames.TEXT)
                throw new AssertionError("expected a text frame, got opcode " + frame.opcode());
            return frame.text();
        }

        public synchronized void send(int opcode, byte[] payload) throws IOException
        {
            socket.getOutputStream().write(WsFrames.encode(opcode, payload, false));
        }

        public void sendText(String text) throws IOException
        {
            send(WsFrames.TEXT, text.getBytes(StandardCharsets.UTF_8));
        }

        public synchronized void sendClose(int code, String reason) throws IOException
        {
            socket.getOutputStream().write(WsFrames.close(code, reason, false));
        }

        public void abort() throws IOException
        {
            socket.close();
        }

        void readLoop(InputStream in) throws IOException
        {
            try
            {
                while (true)
                {
                    WsFrames.Frame frame = WsFrames.read(in);
                    received.add(frame);
                    if (frame.opcode() == WsFrames.CLOSE)
                    {
                        // Answer the close as RFC 6455 asks, then the conversation is over.
                        send(WsFrames.CLOSE, frame.payload());
                        socket.close();
                        return;
                    }
                }
            }
            catch (IOException e)
            {
                received.add(new WsFrames.Frame(EOF, true, 0, new byte[0]));
            }
        }
    }
}
