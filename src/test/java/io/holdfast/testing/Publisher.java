// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Publishes to Holdfast's control API the way a backend does: {@code POST /publish/} with a JSON
 * body, over a real HTTP client.
 */
public final class Publisher
{
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int controlPort;

    public Publisher(int controlPort)
    {
        this.controlPort = controlPort;
    }

    /** POSTs {@code json} to {@code /publish/} and returns the response; fails the test on non-200. */
    public HttpResponse<String> publish(String json) throws IOException, InterruptedException
    {
        HttpResponse<String> response = post("/publish/", json);
        if (response.statusCode() != 200)
            throw new AssertionError("publish failed: " + response.statusCode() + " " + response.body());
        return response;
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException
    {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException
    {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** One {@code http-stream} item as JSON. */
    public static String streamItem(String channel, String content)
    {
        return "{\"channel\":" + Json.quote(channel) + ",\"formats\":{\"http-stream\":{\"content\":" + Json.quote(content) + "}}}";
    }

    /** One {@code ws-message} item as JSON, its format given as a JSON object. */
    public static String wsItem(String channel, String format)
    {
        return "{\"channel\":" + Json.quote(channel) + ",\"formats\":{\"ws-message\":" + format + "}}";
    }

    /** A publish body for the given item JSON objects. */
    public static String items(String... items)
    {
        return "{\"items\":[" + String.join(",", items) + "]}";
    }
}
