// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import io.holdfast.format.HeaderField;

/**
 * The instruction while it is being assembled: header instructions first, then the JSON instruct
 * body on top, then {@link #build()} applies defaults and minimums. Lives only inside one
 * {@link GripInstructionParser#parse} call; not thread-safe and never shared.
 */
final class InstructDraft
{
    static final int DEFAULT_TIMEOUT = 55;
    static final int MINIMUM_TIMEOUT = 5;
    static final int MINIMUM_KEEP_ALIVE_TIMEOUT = 1;

    /**
     * Headers the proxy recomputes for the client hop. Pushpin drops all five from held and
     * rewritten responses (verified against 1.36); Content-Encoding goes because the body is
     * handed over decoded and, on a stream, published chunks are appended to it unencoded.
     */
    private static final Set<String> FRAMING = Set.of(
        "content-length", "transfer-encoding", "connection", "keep-alive", "content-encoding");

    HoldMode hold = HoldMode.NONE;
    final List<ChannelSpec> channels = new ArrayList<>();
    OptionalInt timeout = OptionalInt.empty();
    Optional<KeepAlive> keepAlive = Optional.empty();
    Optional<NextLink> nextLink = Optional.empty();
    final Map<String, String> meta = new LinkedHashMap<>();
    int code;
    Optional<String> reason;
    List<HeaderField> headers;
    byte[] body;

    InstructDraft(int code, Optional<String> reason, List<HeaderField> headers, byte[] body)
    {
        this.code = code;
        this.reason = nonEmpty(reason);
        this.headers = headers;
        this.body = body;
    }

    GripInstruction build()
    {
        int holdTimeout = Math.max(timeout.orElse(DEFAULT_TIMEOUT), MINIMUM_TIMEOUT);
        Optional<KeepAlive> ka = keepAlive.map(k -> new KeepAlive(
            k.content(), Math.max(k.timeoutSeconds(), MINIMUM_KEEP_ALIVE_TIMEOUT), k.mode()));
        List<HeaderField> clientHeaders = headers.stream()
            .filter(h -> !FRAMING.contains(h.name().toLowerCase(Locale.ROOT)))
            .toList();
        ResponseSpec response = new ResponseSpec(code, reason, clientHeaders, body);
        return new GripInstruction(hold, channels, holdTimeout, ka, nextLink, meta, response);
    }

    /** Pushpin treats an empty reason like none: the standard phrase is sent. */
    static Optional<String> nonEmpty(Optional<String> reason)
    {
        return reason.filter(r -> !r.isEmpty());
    }
}
