// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.nio.ByteBuffer;

/**
 * An incremental HTTP/1.1 response reader that does only what the load generator needs: the
 * status, whether the server will close, and the body bytes (Content-Length, chunked, or until
 * close) handed over as ranges of the read buffer, never copied. Loop thread only; reusable for
 * the next response on a keep-alive connection.
 */
final class ResponseParser
{
    /** What a connection does with a response. */
    interface Handler
    {
        void head(int status, boolean close);

        /** Body bytes {@code [from, to)} of {@code buffer} (absolute indexes); ignored unless overridden. */
        default void body(ByteBuffer buffer, int from, int to, long nanoTime)
        {
        }

        void complete();
    }

    private static final int STATUS = 0, HEADER = 1, BODY = 2, CHUNK_SIZE = 3, CHUNK_DATA = 4, CHUNK_END = 5,
        TRAILER = 6, UNTIL_CLOSE = 7;

    private final Handler handler;
    private final byte[] line = new byte[4096];
    private int lineLength;
    private int state = STATUS;
    private int status;
    private long contentLength;
    private boolean chunked;
    private boolean close;
    private long remaining;

    ResponseParser(Handler handler)
    {
        this.handler = handler;
    }

    /** True while a response has started arriving but is not complete. */
    boolean inResponse()
    {
        return state != STATUS || lineLength > 0;
    }

    /**
     * True while reading a body that ends when the server closes (no Content-Length, not chunked:
     * nchan's http-raw-stream), which a close then completes rather than breaks.
     */
    boolean closeDelimited()
    {
        return state == UNTIL_CLOSE;
    }

    /** Forgets any partial response (the connection was replaced). */
    void reset()
    {
        state = STATUS;
        lineLength = 0;
    }

    /**
     * Consumes {@code data} up to its limit; false on a malformed response (the caller drops the
     * connection).
     */
    boolean feed(ByteBuffer data, long nanoTime)
    {
        int pos = data.position();
        int limit = data.limit();
        while (pos < limit)
        {
            switch (state)
            {
                case BODY, CHUNK_DATA ->
                {
                    int n = (int)Math.min(remaining, limit - pos);
                    handler.body(data, pos, pos + n, nanoTime);
                    pos += n;
                    remaining -= n;
                    if (remaining == 0)
                    {
                        if (state == BODY)
                            done();
                        else
                            state = CHUNK_END;
                    }
                }
                case UNTIL_CLOSE ->
                {
                    handler.body(data, pos, limit, nanoTime);
                    pos = limit;
                }
                default ->
                {
                    byte b = data.get(pos++);
                    if (b != '\n')
                    {
                        if (lineLength == line.length)
                            return false;
                        line[lineLength++] = b;
                        continue;
                    }
                    int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                    lineLength = 0;
                    if (!endOfLine(length))
                        return false;
                }
            }
        }
        data.position(pos);
        return true;
    }

    private boolean endOfLine(int length)
    {
        switch (state)
        {
            case STATUS ->
            {
                // HTTP/1.1 200 ...
                if (length < 12 || line[0] != 'H')
                    return false;
                status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
                contentLength = -1;
                chunked = false;
                close = line[7] == '0';
                state = HEADER;
            }
            case HEADER ->
            {
                if (length == 0)
                {
                    handler.head(status, close);
                    if (status == 204 || status == 304 || status / 100 == 1)
                        done();
                    else if (chunked)
                        state = CHUNK_SIZE;
                    else if (contentLength >= 0)
                    {
                        remaining = contentLength;
                        state = BODY;
                        if (remaining == 0)
                            done();
                    }
                    else
                        state = UNTIL_CLOSE;
                }
                else
                    header(length);
            }
            case CHUNK_SIZE ->
            {
                long size = 0;
                int digits = 0;
                for (int i = 0; i < length; i++)
                {
                    int d = hex(line[i]);
                    if (d < 0)
                        break;
                    size = size << 4 | d;
                    digits++;
                }
                if (digits == 0)
                    return false;
                if (size == 0)
                    state = TRAILER;
                else
                {
                    remaining = size;
                    state = CHUNK_DATA;
                }
            }
            case CHUNK_END ->
            {
                if (length != 0)
                    return false;
                state = CHUNK_SIZE;
            }
            case TRAILER ->
            {
                if (length == 0)
                    done();
            }
            default -> throw new IllegalStateException();
        }
        return true;
    }

    private void header(int length)
    {
        if (startsWith("content-length:", length))
        {
            long value = 0;
            for (int i = 15; i < length; i++)
            {
                byte b = line[i];
                if (b >= '0' && b <= '9')
                    value = value * 10 + (b - '0');
            }
            contentLength = value;
        }
        else if (startsWith("transfer-encoding:", length))
            chunked = contains("chunked", length);
        else if (startsWith("connection:", length))
        {
            if (contains("close", length))
                close = true;
            else if (contains("keep-alive", length))
                close = false;
        }
    }

    private void done()
    {
        state = STATUS;
        handler.complete();
    }

    private boolean startsWith(String lowerName, int length)
    {
        if (length < lowerName.length())
            return false;
        for (int i = 0; i < lowerName.length(); i++)
        {
            // OR 0x20 lower-cases letters and leaves '-' and ':' as they are.
            if ((line[i] | 0x20) != lowerName.charAt(i))
                return false;
        }
        return true;
    }

    private boolean contains(String lower, int length)
    {
        outer:
        for (int i = 0; i + lower.length() <= length; i++)
        {
            for (int j = 0; j < lower.length(); j++)
            {
                if ((line[i + j] | 0x20) != lower.charAt(j))
                    continue outer;
            }
            return true;
        }
        return false;
    }

    static int hex(byte b)
    {
        if (b >= '0' && b <= '9')
            return b - '0';
        if (b >= 'a' && b <= 'f')
            return b - 'a' + 10;
        if (b >= 'A' && b <= 'F')
            return b - 'A' + 10;
        return -1;
    }
}
