// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.util.List;
import java.util.Optional;

import io.holdfast.format.HeaderField;

/** How an origin answered the opening of a WebSocket. Immutable. */
public sealed interface HandshakeAnswer
{
    /**
     * The origin accepted: its response headers (for the {@code grip} extension and to pass on in
     * the client's 101) and the subprotocol it chose.
     */
    record Accepted(List<HeaderField> headers, Optional<String> subprotocol) implements HandshakeAnswer
    {
        public Accepted
        {
            headers = List.copyOf(headers);
        }
    }

    /** The origin refused: its answer is relayed to the client as an ordinary response. */
    record Rejected(int status, Optional<String> reason, List<HeaderField> headers, byte[] body) implements HandshakeAnswer
    {
        public Rejected
        {
            headers = List.copyOf(headers);
        }
    }
}
