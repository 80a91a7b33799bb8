// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.HeaderField;

/**
 * Turns an origin's GRIP response (status, headers, body) into a {@link GripInstruction}, as
 * Pushpin's {@code Instruct::fromResponse} does: the {@code Grip-*} headers first, then, for
 * {@code application/grip-instruct}, the JSON body on top. Errors are {@link GripFormatException}s
 * with Pushpin's wording (shown on {@code debug} routes). Pure static functions, thread-safe.
 */
public final class GripInstructionParser
{
    /** The content type of a JSON instruct body. */
    public static final String INSTRUCT_CONTENT_TYPE = "application/grip-instruct";

    private GripInstructionParser()
    {
    }

    /**
     * True when the proxy must treat the response as GRIP: a header name starts with
     * {@code Grip-} (any case), or the first Content-Type, cut at {@code ;}, is exactly
     * {@code application/grip-instruct}. Pushpin 1.36 compares that untrimmed and
     * case-sensitively (verified: {@code Application/Grip-Instruct} and
     * {@code application/grip-instruct ;charset=x} are relayed as ordinary responses).
     */
    public static boolean isGrip(List<HeaderField> originHeaders)
    {
        if (originHeaders.stream().anyMatch(h -> GripHeaderParser.isGripHeader(h.name())))
        {
            return true;
        }
        Optional<String> type = HeaderValues.first(originHeaders, "Content-Type");
        return type.map(t -> t.indexOf(';') == -1 ? t : t.substring(0, t.indexOf(';')))
            .filter(INSTRUCT_CONTENT_TYPE::equals)
            .isPresent();
    }

    /**
     * Parses the instruction. {@code reason} is the origin's reason phrase; an empty one means the
     * standard phrase. The body is copied, so the caller may reuse its array.
     */
    public static GripInstruction parse(int status, Optional<String> reason, List<HeaderField> originHeaders,
        byte[] body) throws GripFormatException
    {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(originHeaders, "originHeaders");
        InstructDraft d = GripHeaderParser.parse(status, reason, originHeaders, body.clone());
        if (isInstructBody(originHeaders))
        {
            // The origin's own code, not a Grip-Status override.
            if (status != 200)
            {
                throw new GripFormatException("response code for application/grip-instruct content must be 200");
            }
            JsonInstructParser.apply(body, d);
        }
        return d.build();
    }

    /** Pushpin's handler, unlike {@link #isGrip}, trims the first Content-Type value. */
    private static boolean isInstructBody(List<HeaderField> headers)
    {
        return HeaderValues.first(headers, "Content-Type")
            .filter(t -> !t.isEmpty())
            .flatMap(HeaderValues::parseItem)
            .filter(item -> item.value().equals(INSTRUCT_CONTENT_TYPE))
            .isPresent();
    }
}
