// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.format.HeaderField;

/**
 * The {@code http-response} format: the whole response a held long-poll receives. {@code code}
 * defaults to 200; {@code reason} is empty when the standard phrase applies. {@code bodyPatch}
 * holds the JSON-Patch operations of {@code body-patch} when given instead of a body. The body
 * array is shared by every subscriber and must not be mutated.
 */
public record HttpResponseFormat(
    Action action,
    int code,
    Optional<String> reason,
    List<HeaderField> headers,
    byte[] body,
    Optional<JsonNode> bodyPatch,
    List<String> contentFilters) implements PublishFormat
{
    public HttpResponseFormat
    {
        headers = List.copyOf(headers);
        contentFilters = List.copyOf(contentFilters);
    }
}
