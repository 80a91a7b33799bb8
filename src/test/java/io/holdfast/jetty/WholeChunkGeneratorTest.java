// SPDX-License-Identifier: Apache-2.0
package io.holdfast.jetty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.util.BufferUtil;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WholeChunkGenerator} driven the way Jetty's HttpConnection drives a generator: one send per
 * servlet write, the buffers it asks for lent, every FLUSH written in one gathering write. Each send
 * must leave the body at a chunk boundary, and the whole body must be the bytes Jetty's own
 * generator produces.
 */
class WholeChunkGeneratorTest
{
    private static final int HEADER_SIZE = 8192;

    @Test
    void eachWriteIsAWholeChunkOnTheWire()
    {
        Connection connection = new Connection(new WholeChunkGenerator());
        List<byte[]> head = connection.send(response(), "open\n", false);
        assertEquals(1, head.size(), "headers and the first chunk go out in one write");
        assertTrue(text(head.get(0)).endsWith("\r\n\r\n5\r\nopen\n\r\n"), text(head.get(0)));
        assertEquals(List.of("4\r\nmsg\n\r\n"), texts(connection.send(null, "msg\n", false)));
        assertEquals(List.of("2\r\nhi\r\n"), texts(connection.send(null, "hi", false)));
        assertEquals(List.of(), texts(connection.send(null, "", false)), "a flush with nothing to send writes nothing");
        assertEquals(List.of("0\r\n\r\n"), texts(connection.send(null, "", true)));
    }

    @Test
    void theHeadAloneThenChunks()
    {
        Connection connection = new Connection(new WholeChunkGenerator());
        String head = texts(connection.send(response(), "", false)).get(0);
        assertTrue(head.endsWith("Transfer-Encoding: chunked\r\n\r\n"), head);
        assertEquals(List.of("3\r\none\r\n"), texts(connection.send(null, "one", false)));
        assertEquals(List.of("3\r\ntwo\r\n0\r\n\r\n"), List.of(String.join("", texts(connection.send(null, "two", true)))));
    }

    @Test
    void aChunkTooLargeToCopyIsClosedByAWriteOfItsOwnBeforeTheSendCompletes()
    {
        Connection connection = new Connection(new WholeChunkGenerator());
        connection.send(response(), "", false);
        int big = WholeChunkGenerator.COPY_LIMIT + 1;
        List<String> writes = shapes(connection.send(null, "x".repeat(big), false));
        assertEquals(List.of(hex(big) + "\r\nx*" + big, "\r\n"), writes);
        assertEquals(List.of("1\r\ny\r\n"), texts(connection.send(null, "y", false)), "no second CRLF in front of the next chunk");
        int largest = WholeChunkGenerator.COPY_LIMIT;
        assertEquals(List.of(hex(largest) + "\r\nz*" + largest + "\r\n"),
            shapes(connection.send(null, "z".repeat(largest), false)), "the largest copied chunk still goes in one write");
    }

    @Test
    void trailersFollowTheLastChunkWithoutADoubledCrlf()
    {
        Connection connection = new Connection(new WholeChunkGenerator());
        MetaData.Response response = new MetaData.Response(200, null, HttpVersion.HTTP_1_1, HttpFields.build(), -1,
            () -> HttpFields.build().add("X-Sum", "7"));
        connection.send(response, "", false);
        assertEquals(List.of("1\r\na\r\n"), texts(connection.send(null, "a", false)));
        assertEquals("0\r\nX-Sum: 7\r\n\r\n", String.join("", texts(connection.send(null, "", true))));
    }

    @Test
    void aHeadRequestGetsNoBody()
    {
        Connection connection = new Connection(new WholeChunkGenerator(), true);
        String head = texts(connection.send(response(), "ignored", false)).get(0);
        assertTrue(head.endsWith("\r\n\r\n"), head);
        assertEquals(List.of(), texts(connection.send(null, "more", false)));
    }

    @Test
    void theNextResponseOnTheConnectionStartsClean()
    {
        Connection connection = new Connection(new WholeChunkGenerator());
        connection.send(response(), "a", false);
        connection.send(null, "", true);
        connection.reset();
        String second = String.join("", texts(connection.send(response(), "b", false)));
        assertTrue(second.startsWith("HTTP/1.1 200 OK\r\n") && second.endsWith("\r\n\r\n1\r\nb\r\n"), second);
    }

    @Test
    void theBodyIsByteForByteWhatJettysGeneratorSends()
    {
        Random random = new Random(13);
        for (int round = 0; round < 200; round++)
        {
            List<String> writes = new ArrayList<>();
            int count = random.nextInt(8);
            for (int i = 0; i < count; i++)
            {
                int size = switch (random.nextInt(4))
                {
                    case 0 -> 0;
                    case 1 -> 1 + random.nextInt(40);
                    case 2 -> WholeChunkGenerator.COPY_LIMIT - 2 + random.nextInt(5);
                    default -> random.nextInt(20_000);
                };
                writes.add("d".repeat(size));
            }
            boolean lastHasContent = random.nextBoolean();
            Connection ours = new Connection(new WholeChunkGenerator());
            Connection jettys = new Connection(new HttpGenerator());
            ByteArrayOutputStream oursOut = new ByteArrayOutputStream();
            ByteArrayOutputStream jettysOut = new ByteArrayOutputStream();
            MetaData.Response response = response();
            for (int i = 0; i <= writes.size(); i++)
            {
                boolean last = i == writes.size();
                String content = last ? (lastHasContent ? "end" : "") : writes.get(i);
                MetaData.Response info = i == 0 ? response : null;
                ours.send(info, content, last).forEach(oursOut::writeBytes);
                jettys.send(info, content, last).forEach(jettysOut::writeBytes);
                if (!last)
                    assertEquals("", shape(Chunks.incompleteTail(body(oursOut.toByteArray()))), "round " + round + ", after write " + i);
            }
            assertEquals(shape(text(jettysOut.toByteArray())), shape(text(oursOut.toByteArray())), "round " + round);
        }
    }

    private static MetaData.Response response()
    {
        return new MetaData.Response(200, null, HttpVersion.HTTP_1_1, HttpFields.build().add("Content-Type", "text/plain"), -1);
    }

    private static byte[] body(byte[] response)
    {
        String text = text(response);
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? new byte[0] : text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String hex(int size)
    {
        return Integer.toHexString(size).toUpperCase(Locale.ROOT);
    }

    /** Each write as text, with runs of ten or more of one letter written as letter*count, so failures stay readable. */
    private static List<String> shapes(List<byte[]> writes)
    {
        return texts(writes).stream().map(WholeChunkGeneratorTest::shape).toList();
    }

    private static String shape(String text)
    {
        StringBuilder shape = new StringBuilder();
        for (int at = 0; at < text.length(); )
        {
            char c = text.charAt(at);
            int run = 1;
            while (at + run < text.length() && text.charAt(at + run) == c)
                run++;
            if (run >= 10 && Character.isLetter(c))
                shape.append(c).append('*').append(run);
            else
                shape.append(text, at, at + run);
            at += run;
        }
        return shape.toString();
    }

    private static List<String> texts(List<byte[]> writes)
    {
        return writes.stream().map(WholeChunkGeneratorTest::text).toList();
    }

    private static String text(byte[] bytes)
    {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** What a chunked body decoder has left over: the bytes of a chunk whose closing CRLF has not come. */
    private static final class Chunks
    {
        static String incompleteTail(byte[] body)
        {
            String text = text(body);
            int at = 0;
            while (at < text.length())
            {
                int lineEnd = text.indexOf("\r\n", at);
                if (lineEnd < 0)
                    return text.substring(at);
                int size = Integer.parseInt(text.substring(at, lineEnd), 16);
                int next = lineEnd + 2 + size + 2;
                if (next > text.length() || !text.startsWith("\r\n", lineEnd + 2 + size))
                    return text.substring(at);
                at = next;
            }
            return "";
        }
    }

    /** The part of Jetty's HttpConnection that drives the generator: its SendCallback, one send at a time. */
    private static final class Connection
    {
        private final HttpGenerator generator;
        private final boolean head;
        private MetaData.Response info;

        Connection(HttpGenerator generator)
        {
            this(generator, false);
        }

        Connection(HttpGenerator generator, boolean head)
        {
            this.generator = generator;
            this.head = head;
        }

        void reset()
        {
            generator.reset();
            info = null;
        }

        /** One servlet write: the bytes of each system call it makes. */
        List<byte[]> send(MetaData.Response response, String text, boolean last)
        {
            if (response != null)
                info = response;
            ByteBuffer content = BufferUtil.toBuffer(text, StandardCharsets.ISO_8859_1);
            ByteBuffer header = null;
            ByteBuffer chunk = null;
            List<byte[]> writes = new ArrayList<>();
            try
            {
                while (true)
                {
                    switch (generator.generateResponse(info, head, header, chunk, content, last))
                    {
                        case NEED_HEADER -> header = BufferUtil.allocate(HEADER_SIZE);
                        case NEED_CHUNK -> chunk = BufferUtil.allocate(HttpGenerator.CHUNK_SIZE);
                        case NEED_CHUNK_TRAILER -> chunk = BufferUtil.allocate(HEADER_SIZE);
                        case FLUSH ->
                        {
                            if (head || generator.isNoContent())
                            {
                                BufferUtil.clear(chunk);
                                BufferUtil.clear(content);
                            }
                            ByteArrayOutputStream write = new ByteArrayOutputStream();
                            for (ByteBuffer buffer : new ByteBuffer[]{header, chunk, content})
                            {
                                if (buffer != null && buffer.hasRemaining())
                                {
                                    byte[] bytes = new byte[buffer.remaining()];
                                    buffer.get(bytes);
                                    write.writeBytes(bytes);
                                }
                            }
                            if (write.size() > 0)
                                writes.add(write.toByteArray());
                        }
                        case SHUTDOWN_OUT, CONTINUE ->
                        {
                        }
                        case DONE ->
                        {
                            return writes;
                        }
                        default -> throw new AssertionError("unexpected generator result");
                    }
                }
            }
            catch (IOException e)
            {
                throw new AssertionError(e);
            }
        }
    }
}
