// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.List;

/** One transport-specific payload of a published item. Immutable. */
public sealed interface PublishFormat permits HttpResponseFormat, HttpStreamFormat, WsMessageFormat
{
    Action action();

    /** {@code content-filters}: must equal the subscriber's filters, or delivery fails. */
    List<String> contentFilters();
}
