// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 client on a plain socket, for tests that assert bytes: the exact status line, every
 * header as sent, and the chunks of a chunked body one by one. Reads time out (default 5 s), so a
 * missing byte fails a test instead of hanging it. Not thread-safe.
 */
public final class RawHttp implements AutoCloseable
{
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** A byte read ahead by {@link #readHeadUnlessClosed}, or -1. */
    private int pushedBack = -1;

    /** A parsed response head. */
    public record Head(String statusLine, List<String[]> headers)
    {
        public int status()
        {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        /** The first value of {@code name}, or null. */
        public String header(String name)
        {
            for (String[] header : headers)
            {
                if (header[0].equalsIgnoreCase(name))
                    return header[1];
            }
            return null;
        }

        public List<String> all(String name)
        {
            List<String> values = new ArrayList<>();
            for (String[] header : headers)
            {
                if (header[0].equalsIgnoreCase(name))
                    values.add(header[1]);
            }
            return values;
        }

        public boolean chunked()
        {
            String te = header("Transfer-Encoding");
            return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
        }
    }

    public RawHttp(int port) throws IOException
    {
        this(port, 5000);
    }

    public RawHttp(int port, int readTimeoutMillis) throws IOException
    {
        this(port, readTimeoutMillis, 0);
    }

    /** With a receive buffer of {@code receiveBuffer} bytes (0: the system's): a small one fills at once. */
    public RawHttp(int port, int readTimeoutMillis, int receiveBuffer) throws IOException
    {
        socket = new Socket();
        if (receiveBuffer > 0)
            socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setSoTimeout(readTimeoutMillis);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends {@code GET path} with {@code Host: example.com} and the given extra header lines. */
    public RawHttp get(String path, String... headerLines) throws IOException
    {
        return send("GET", path, null, headerLines);
    }

    public RawHttp send(String method, String path, byte[] body, String... headerLines) throws IOException
    {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        boolean host = false;
        for (String line : headerLines)
        {
            host |= line.toLowerCase(Locale.ROOT).startsWith("host:");
            head.append(line).append("\r\n");
        }
        if (!host)
            head.append("Host: example.com\r\n");
        if (body != null)
            head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null)
            out.write(body);
        out.flush();
        return this;
    }

    public OutputStream output()
    {
        return out;
    }

    public Head readHead() throws IOException
    {
        String statusLine = readLine();
        List<String[]> headers = new ArrayList<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine())
        {
            int colon = line.indexOf(':');
            headers.add(new String[]{line.substring(0, colon), line.substring(colon + 1).trim()});
        }
        return new Head(statusLine, headers);
    }

    /** The response head, or null when the server closes the connection without sending a byte. */
    public Head readHeadUnlessClosed() throws IOException
    {
        int first;
        try
        {
            first = in.read();
        }
        catch (SocketTimeoutException e)
        {
            throw e;
        }
        catch (IOException reset)
        {
            return null;
        }
        if (first < 0)
            return null;
        pushedBack = first;
        return readHead();
    }

    /** Reads exactly {@code length} body bytes. */
    public String readBody(int length) throws IOException
    {
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** The body of a response with the given head: by Content-Length, chunked, or to EOF. */
    public String readBody(Head head) throws IOException
    {
        if (head.chunked())
        {
            StringBuilder body = new StringBuilder();
            for (String chunk = readChunk(); chunk != null; chunk = readChunk())
                body.append(chunk);
            return body.toString();
        }
        String length = head.header("Content-Length");
        if (length != null)
            return readBody(Integer.parseInt(length));
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * The next chunk's data, or null for the terminating zero-length chunk. Strict, as Python's
     * http.client is: a chunk counts only once the CRLF that closes it has arrived, so a server that
     * leaves it for its next write makes this wait (and time out) rather than pass.
     */
    public String readChunk() throws IOException
    {
        String sizeLine = readLine();
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        if (size == 0)
        {
            readLine();
            return null;
        }
        byte[] data = in.readNBytes(size);
        if (data.length < size)
            throw new IOException("connection closed inside a chunk");
        if (in.read() != '\r' || in.read() != '\n')
            throw new IOException("chunk of " + size + " bytes not followed by CRLF");
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Reads chunks until their concatenation has {@code length} bytes. */
    public String readChunkedBytes(int length) throws IOException
    {
        StringBuilder text = new StringBuilder();
        while (text.length() < length)
        {
            String chunk = readChunk();
            if (chunk == null)
                throw new IOException("stream ended after " + text);
            text.append(chunk);
        }
        return text.toString();
    }

    /** True when the server closed the connection (EOF) within the read timeout. */
    public boolean closedByPeer() throws IOException
    {
        try
        {
            return in.read() < 0;
        }
        catch (SocketTimeoutException e)
        {
            return false;
        }
        catch (IOException e)
        {
            return true;
        }
    }

    /** Half-closes: the server sees the end of the request stream, and this side can still read. */
    public void shutdownOutput() throws IOException
    {
        socket.shutdownOutput();
    }

    /** Closes with a TCP reset instead of a FIN. */
    public void reset() throws IOException
    {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    public void setReadTimeout(int millis) throws IOException
    {
        socket.setSoTimeout(millis);
    }

    private String readLine() throws IOException
    {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = pushedBack >= 0 ? pushedBack : in.read();
        pushedBack = -1;
        for (; b != '\n'; b = in.read())
        {
            if (b < 0)
                throw new IOException("connection closed mid-line: " + line.toString(StandardCharsets.ISO_8859_1));
            if (b != '\r')
                line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
