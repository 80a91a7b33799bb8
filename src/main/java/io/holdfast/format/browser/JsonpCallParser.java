// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.format.HeaderField;
import io.holdfast.format.item.PushpinJson;

/**
 * Recognises a JSONP request and reads its parameters (GRIP §8.2): a GET with the route's callback
 * param, or with its {@code jsonp_body} param when {@code jsonp_defcb} is set. {@code _method},
 * {@code _headers} and {@code _body} (or the body param) are consumed from the query. Stricter than
 * Pushpin where Pushpin would build a request or script it cannot mean: the callback must be a
 * script name and {@code _method} an HTTP token. Stateless.
 */
public final class JsonpCallParser
{
    private static final String METHOD = "_method";
    private static final String HEADERS = "_headers";
    private static final String BODY = "_body";

    private JsonpCallParser()
    {
    }

    /**
     * The JSONP call {@code method}/{@code rawQuery} makes on a route with {@code options}, or
     * empty when it is an ordinary request.
     *
     * @throws JsonpRejected when it is a JSONP request with an unusable parameter
     */
    public static Optional<JsonpCall> parse(String method, String rawQuery, JsonpOptions options) throws JsonpRejected
    {
        if (!"GET".equals(method) || rawQuery == null)
            return Optional.empty();
        List<String[]> items = items(rawQuery);
        Optional<String> bodyParam = options.bodyParam();
        boolean hasCallback = has(items, options.callbackParam());
        if (!hasCallback && (options.defaultCallback().isEmpty() || bodyParam.isEmpty() || !has(items, bodyParam.get())))
            return Optional.empty();

        String callback;
        if (hasCallback)
        {
            callback = new String(decode(value(items, options.callbackParam())), StandardCharsets.UTF_8);
            if (!isScriptName(callback))
                throw new JsonpRejected("Invalid callback parameter.");
            remove(items, options.callbackParam());
        }
        else
            callback = options.defaultCallback().get();

        Optional<String> requestMethod = Optional.empty();
        if (has(items, METHOD))
        {
            String text = new String(decode(value(items, METHOD)), StandardCharsets.ISO_8859_1);
            if (!isToken(text))
                throw new JsonpRejected("Invalid _method parameter.");
            requestMethod = Optional.of(text);
            remove(items, METHOD);
        }

        List<HeaderField> headers = new ArrayList<>();
        if (has(items, HEADERS))
        {
            headers.addAll(headers(decode(value(items, HEADERS))));
            remove(items, HEADERS);
        }

        byte[] body = new byte[0];
        String consumedBody = bodyParam.orElse(BODY);
        if (has(items, consumedBody))
        {
            body = decode(value(items, consumedBody));
            // Pushpin cannot tell an empty body param from a broken one and rejects both.
            if (body.length == 0)
                throw new JsonpRejected(bodyParam.isPresent() ? "Invalid body parameter." : "Invalid _body parameter.");
            if (bodyParam.isPresent())
            {
                headers.removeIf(h -> h.is("Content-Type"));
                headers.add(new HeaderField("Content-Type", "application/json"));
            }
            remove(items, consumedBody);
        }

        boolean extended = options.mode() == JsonpOptions.Mode.EXTENDED;
        String finalMethod = requestMethod.or(options::defaultMethod).orElse(extended ? "GET" : "POST");
        return Optional.of(new JsonpCall(callback, extended, finalMethod, query(items), headers, body));
    }

    /** {@code _headers}: a JSON object of string values; {@code Host} and {@code Accept} are the proxy's. */
    private static List<HeaderField> headers(byte[] json) throws JsonpRejected
    {
        JsonNode node = PushpinJson.parse(json).orElse(null);
        if (node == null || !node.isObject())
            throw new JsonpRejected("Invalid _headers parameter.");
        // Pushpin reads the object into a sorted map, so that is the order the headers go out in.
        Map<String, String> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); )
        {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual() || !isToken(field.getKey()) || !isFieldValue(field.getValue().asText()))
                throw new JsonpRejected("Invalid _headers parameter.");
            sorted.put(field.getKey(), field.getValue().asText());
        }
        List<HeaderField> headers = new ArrayList<>();
        sorted.forEach((name, value) ->
        {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("accept"))
                headers.add(new HeaderField(name, value));
        });
        return headers;
    }

    private static List<String[]> items(String rawQuery)
    {
        List<String[]> items = new ArrayList<>();
        for (String item : rawQuery.split("&", -1))
        {
            int eq = item.indexOf('=');
            String key = eq < 0 ? item : item.substring(0, eq);
            String value = eq < 0 ? "" : item.substring(eq + 1);
            items.add(new String[] {new String(decode(key), StandardCharsets.UTF_8), value, item});
        }
        return items;
    }

    private static boolean has(List<String[]> items, String key)
    {
        return items.stream().anyMatch(item -> item[0].equals(key));
    }

    /** The first value, as Qt's query reader returns it. */
    private static String value(List<String[]> items, String key)
    {
        return items.stream().filter(item -> item[0].equals(key)).findFirst().orElseThrow()[1];
    }

    private static void remove(List<String[]> items, String key)
    {
        items.removeIf(item -> item[0].equals(key));
    }

    private static Optional<String> query(List<String[]> items)
    {
        List<String> rest = new ArrayList<>();
        for (String[] item : items)
        {
            if (!item[2].isEmpty())
                rest.add(item[2]);
        }
        return rest.isEmpty() ? Optional.empty() : Optional.of(String.join("&", rest));
    }

    /** Percent-decoding without {@code +} for space; a malformed escape stays as written, as in Qt. */
    static byte[] decode(String text)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++)
        {
            int hi = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
            int lo = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
            if (bytes[i] == '%' && hi >= 0 && lo >= 0)
            {
                out.write(hi << 4 | lo);
                i += 2;
            }
            else
                out.write(bytes[i]);
        }
        return out.toByteArray();
    }

    /** A name a script can call: identifiers joined by dots or indexed with brackets. */
    static boolean isScriptName(String callback)
    {
        if (callback.isEmpty())
            return false;
        for (int i = 0; i < callback.length(); i++)
        {
            char c = callback.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_$.[]".indexOf(c) >= 0))
                return false;
        }
        return true;
    }

    /** An RFC 9110 token. */
    static boolean isToken(String text)
    {
        if (text.isEmpty())
            return false;
        for (int i = 0; i < text.length(); i++)
        {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0))
                return false;
        }
        return true;
    }

    private static boolean isFieldValue(String value)
    {
        return value.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
    }
}
