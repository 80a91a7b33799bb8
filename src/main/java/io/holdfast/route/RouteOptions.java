// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.util.List;
import java.util.Optional;

import io.holdfast.format.HeaderField;
import io.holdfast.format.browser.JsonpOptions;

/**
 * Props of a route's condition section that change how matched requests are handled. Immutable.
 *
 * @param id {@code id=}
 * @param sigIss {@code sig_iss=}: Grip-Sig issuer overriding the global one
 * @param sigKey {@code sig_key=}: Grip-Sig key bytes ({@code base64:} prefix decoded)
 * @param prefix {@code prefix=}: channel prefix, empty when absent
 * @param origHeaders {@code orig_headers}
 * @param asHost {@code as_host=}
 * @param pathRem {@code path_rem=N}, 0 when absent
 * @param replaceBeg {@code replace_beg=}
 * @param debug {@code debug}
 * @param aco {@code aco}
 * @param jsonp the {@code jsonp_*} props
 * @param session {@code session}
 * @param sockjs {@code sockjs=}
 * @param sockjsAsPath {@code sockjs_as_path=}
 * @param headers {@code header=Name:value}, repeatable, in the order Pushpin applies them (last
 *     written first), each replacing any header of that name
 * @param noGrip {@code no_grip}
 */
public record RouteOptions(
    Optional<String> id,
    Optional<String> sigIss,
    Optional<byte[]> sigKey,
    String prefix,
    boolean origHeaders,
    Optional<String> asHost,
    int pathRem,
    Optional<String> replaceBeg,
    boolean debug,
    boolean aco,
    JsonpOptions jsonp,
    boolean session,
    Optional<String> sockjs,
    Optional<String> sockjsAsPath,
    List<HeaderField> headers,
    boolean noGrip)
{
    public RouteOptions
    {
        headers = List.copyOf(headers);
    }
}
