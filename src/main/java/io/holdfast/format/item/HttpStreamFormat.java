// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.List;

/**
 * The {@code http-stream} format: bytes appended to held streams. {@code content} is empty for
 * {@code close} and {@code hint}. The array is shared by every subscriber and must not be mutated.
 */
public record HttpStreamFormat(Action action, byte[] content, List<String> contentFilters) implements PublishFormat
{
    public HttpStreamFormat
    {
        contentFilters = List.copyOf(contentFilters);
    }
}
