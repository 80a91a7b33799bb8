// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.util.List;
import java.util.Optional;

/**
 * What a client request says about cross-origin access: its {@code Origin}, and for a preflight
 * the {@code Access-Control-Request-Method} and every {@code Access-Control-Request-Headers} value.
 * Immutable.
 */
public record CorsRequest(Optional<String> origin, Optional<String> requestMethod, List<String> requestHeaders)
{
    public CorsRequest
    {
        requestHeaders = List.copyOf(requestHeaders);
    }
}
