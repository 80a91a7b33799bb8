// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.format.HeaderField;
import io.holdfast.format.item.Action;
import io.holdfast.format.item.HttpResponseFormat;
import io.holdfast.instruct.ResponseSpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ResponseMergeTest
{
    private static final ResponseSpec HELD = new ResponseSpec(202, Optional.of("Accepted-ish"), List.of(
        new HeaderField("Content-Type", "application/json"),
        new HeaderField("X-Foo", "bar"),
        new HeaderField("X-Multi", "1"),
        new HeaderField("X-Multi", "2")), bytes("held body"));

    @Test
    void publishedHeadersReplaceHeldOnesOfTheSameNameAndGripOnesAreDropped() throws Exception
    {
        ResponseSpec merged = ResponseMerge.merge(HELD, published(201, Optional.empty(), List.of(
            new HeaderField("x-multi", "3"), new HeaderField("X-New", "1"), new HeaderField("Grip-Foo", "x")), "pushed"));
        assertEquals(List.of(
            new HeaderField("Content-Type", "application/json"),
            new HeaderField("X-Foo", "bar"),
            new HeaderField("x-multi", "3"),
            new HeaderField("X-New", "1")), merged.headers());
    }

    @Test
    void codeReasonAndBodyComeFromThePublishNotTheOrigin() throws Exception
    {
        ResponseSpec merged = ResponseMerge.merge(HELD, published(200, Optional.empty(), List.of(), "pushed"));
        assertEquals(200, merged.code());
        assertEquals(Optional.empty(), merged.reason());
        assertArrayEquals(bytes("pushed"), merged.body());

        merged = ResponseMerge.merge(HELD, published(404, Optional.of("Gone Fishing"), List.of(), ""));
        assertEquals(404, merged.code());
        assertEquals(Optional.of("Gone Fishing"), merged.reason());
        assertArrayEquals(new byte[0], merged.body());
    }

    private static HttpResponseFormat published(int code, Optional<String> reason, List<HeaderField> headers, String body)
    {
        return new HttpResponseFormat(Action.SEND, code, reason, headers, bytes(body), Optional.empty(), List.of());
    }

    private static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
