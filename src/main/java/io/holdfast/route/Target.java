// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.util.List;
import java.util.Optional;

/**
 * One target of a route line: an origin {@code host:port}, the built-in {@code test} origin, or a
 * zhttp spec, with its props. Immutable.
 *
 * @param kind what the target is
 * @param host origin host ({@code host:port} targets), else empty string
 * @param port origin port ({@code host:port} targets), else 0
 * @param spec the ZeroMQ spec of {@code zhttp/...} and {@code zhttpreq/...} targets, else empty string
 * @param ssl connect with TLS (presence of the prop counts, as in Pushpin)
 * @param insecure do not verify the origin's certificate
 * @param untrusted apply untrusted-target policies
 * @param trustConnectHost use the connect host for the TLS name
 * @param hostHeader {@code host=}: the Host header (and URI host) sent to the origin
 * @param subs {@code sub=}: channels every connection on this target is subscribed to
 * @param overHttp WebSocket-over-HTTP towards this origin
 * @param oneEvent WebSocket-over-HTTP: at most one event per request
 */
public record Target(
    Kind kind,
    String host,
    int port,
    String spec,
    boolean ssl,
    boolean insecure,
    boolean untrusted,
    boolean trustConnectHost,
    Optional<String> hostHeader,
    List<String> subs,
    boolean overHttp,
    boolean oneEvent)
{
    /** What a target names. */
    public enum Kind
    {
        HOST_PORT, TEST, ZHTTP, ZHTTPREQ
    }

    public Target
    {
        subs = List.copyOf(subs);
    }

    /** {@code host:port} as Pushpin writes targets in logs and debug bodies. */
    public String describe()
    {
        return switch (kind)
        {
            case HOST_PORT -> host + ":" + port;
            case TEST -> "test";
            case ZHTTP -> "zhttp/" + spec;
            case ZHTTPREQ -> "zhttpreq/" + spec;
        };
    }
}
