// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

/**
 * How a published item was encoded on the wire, which changes how Pushpin reads its {@code -bin}
 * fields (GRIP §6.1): JSON carries bytes as base64 in {@code body-bin}/{@code content-bin}, while a
 * tnetstring carries raw bytes in {@code body}/{@code content}, so for the HTTP formats Pushpin ignores
 * a tnetstring's {@code -bin} fields and only {@code ws-message} reads {@code content-bin} (as raw bytes).
 */
public enum ItemEncoding
{
    JSON,
    TNETSTRING
}
