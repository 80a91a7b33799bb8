// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.util.List;
import java.util.Optional;

import io.holdfast.format.HeaderField;

/**
 * A response as the client will see it: status, reason (empty = the standard phrase), headers
 * without any {@code Grip-*} and body. Immutable; the body array must not be mutated.
 */
public record ResponseSpec(int code, Optional<String> reason, List<HeaderField> headers, byte[] body)
{
    public ResponseSpec
    {
        headers = List.copyOf(headers);
    }
}
