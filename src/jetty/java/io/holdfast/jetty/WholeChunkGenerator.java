// SPDX-License-Identifier: Apache-2.0
package io.holdfast.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.MetaData;

/**
 * Jetty's HTTP/1.1 response generator, except that every chunk of a chunked body is complete on
 * the wire in the write that carries it, and header names go out spelled as they were given.
 *
 * <p>Jetty sends a chunk's closing CRLF only in front of the next chunk (jetty/jetty.project#154).
 * For a held stream the next chunk may come minutes later, and a strict client (Python's
 * http.client and so requests and urllib3, and any parser that waits for the CRLF the chunked
 * grammar requires) hands over every message one publish late, and the last one of a burst never.
 * Pushpin and Tomcat send whole chunks. Here a chunk's data is copied behind its size line into
 * the small framing buffer Jetty writes first, followed by the CRLF, so the chunk still leaves in
 * one system call (the copy replaces the one the JDK makes of a heap buffer anyway). The CRLF that
 * Jetty then puts in front of its next chunk line, or of the last chunk, is skipped. A chunk too
 * large to copy is sent as Jetty sends it, and its CRLF follows in a write of its own before the
 * send completes.
 *
 * <p>Not thread-safe, like the generator it extends: one per connection, driven by it.
 */
final class WholeChunkGenerator extends HttpGenerator
{
    private static final byte[] CRLF = {'\r', '\n'};
    // Hex size line plus CRLF before the data, CRLF after it, and Jetty's CRLF prefix before we skip it.
    private static final int FRAMING = 2 + 8 + 2 + 2;
    // Data up to this size is copied next to its framing: below the default response header size
    // (8 kB), the size of the buffer Jetty lends for trailers, which is the one asked for here.
    static final int COPY_LIMIT = 8192 - FRAMING;

    // The CRLF closing the last chunk went out already: Jetty's next framing starts with it.
    private boolean closedAhead;
    // The last chunk's data went out without its CRLF: it must follow before this send completes.
    private boolean owed;

    @Override
    public Result generateResponse(MetaData.Response info, boolean head, ByteBuffer header, ByteBuffer chunk,
                                   ByteBuffer content, boolean last) throws IOException
    {
        State state = getState();
        int length = content == null ? 0 : content.remaining();
        if (owed)
        {
            owed = false;
            if (state == State.COMMITTED && length == 0 && !last)
                return closeOwed(chunk);
            // More of the body in this same send: Jetty's own framing closes the chunk at once.
        }
        boolean chunked = state == State.COMMITTED && isChunking() && !head;
        // Ask for a buffer that holds the data too; Jetty lends its trailer-sized one for that.
        if (chunked && length > 0 && length <= COPY_LIMIT && (chunk == null || chunk.capacity() <= CHUNK_SIZE))
            return Result.NEED_CHUNK_TRAILER;
        boolean framed = state != State.START && isChunking() && !head;
        Result result = super.generateResponse(state == State.START ? HeaderSpelling.asGiven(info) : info, head,
            header, chunk, content, last);
        if (result != Result.FLUSH)
            return result;
        if (state == State.START)
        {
            if (isChunking() && !head && length > 0 && getState() == State.COMMITTED)
                close(header, content);
        }
        else if (framed)
        {
            if (closedAhead)
                skipCrlf(chunk);
            if (length > 0 && getState() == State.COMMITTED)
                close(chunk, content);
        }
        return result;
    }

    @Override
    public void reset()
    {
        super.reset();
        closedAhead = false;
        owed = false;
    }

    // Puts the chunk's data and closing CRLF behind its size line in framing, when they fit; else
    // the CRLF is owed and sent on its own once the data has gone.
    private void close(ByteBuffer framing, ByteBuffer content)
    {
        int data = content.remaining();
        if (framing.capacity() - framing.limit() < data + CRLF.length)
        {
            owed = true;
            return;
        }
        int end = framing.limit();
        framing.limit(end + data + CRLF.length);
        framing.put(end, content, content.position(), data);
        framing.put(end + data, CRLF);
        content.position(content.limit());
        closedAhead = true;
    }

    private Result closeOwed(ByteBuffer chunk)
    {
        if (chunk == null)
        {
            owed = true;
            return Result.NEED_CHUNK;
        }
        chunk.clear();
        chunk.put(CRLF);
        chunk.flip();
        closedAhead = true;
        return Result.FLUSH;
    }

    private void skipCrlf(ByteBuffer framing)
    {
        closedAhead = false;
        int at = framing.position();
        if (framing.remaining() >= 2 && framing.get(at) == '\r' && framing.get(at + 1) == '\n')
            framing.position(at + 2);
    }
}
