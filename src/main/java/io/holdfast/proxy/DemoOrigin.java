// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.holdfast.format.HeaderField;
import io.holdfast.route.DemoChannels;
import io.holdfast.route.PathRewriter;

/**
 * The built-in {@code test} target, as Pushpin's: {@code /} greets, {@code /response} holds a
 * long-poll and {@code /stream} a stream on the channels named by repeated {@code channel} query
 * parameters (default {@code test}); anything else is 404. Its answers are ordinary GRIP responses,
 * so they go through the same acceptor as a real origin's. Stateless.
 */
final class DemoOrigin
{
    private DemoOrigin()
    {
    }

    static OriginCapture respond(ProxyExchange exchange)
    {
        String path = PathRewriter.rewrite(exchange.route, exchange.target(), exchange.clientRequest.getRequestURI())
            .orElse("");
        return switch (path)
        {
            case "/" -> text(200, List.of(), "Hello from the Pushpin test handler!\n");
            case "/response" -> text(200, hold("response", exchange), "nothing for now\n");
            case "/stream" -> text(200, hold("stream", exchange), "[stream opened]\n");
            default -> text(404, List.of(), "no such test resource\n");
        };
    }

    private static List<HeaderField> hold(String mode, ProxyExchange exchange)
    {
        String channels = DemoChannels.of(exchange.clientRequest.getQueryString()).stream()
            .map(DemoOrigin::quoted)
            .collect(Collectors.joining(", "));
        return List.of(new HeaderField("Grip-Hold", mode), new HeaderField("Grip-Channel", channels));
    }

    private static OriginCapture text(int status, List<HeaderField> gripHeaders, String body)
    {
        List<HeaderField> headers = new ArrayList<>();
        headers.add(new HeaderField("Content-Type", "text/plain"));
        headers.addAll(gripHeaders);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OriginCapture capture = new OriginCapture(status, null, headers, bytes.length);
        capture.append(bytes, 0, bytes.length);
        return capture;
    }

    private static String quoted(String channel)
    {
        if (channel.chars().noneMatch(c -> c == ',' || c == ';' || c == '"' || c == '\\' || c == ' '))
            return channel;
        return '"' + channel.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
