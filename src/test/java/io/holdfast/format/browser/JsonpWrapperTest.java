// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.holdfast.format.HeaderField;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link JsonpWrapper}: Pushpin's one-shot and held spellings of the extended wrapper, and basic mode. */
class JsonpWrapperTest
{
    private static HeaderField h(String name, String value)
    {
        return new HeaderField(name, value);
    }

    private static byte[] utf8(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(String hex)
    {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++)
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        return out;
    }

    private static String oneShot(List<HeaderField> headers, byte[] body)
    {
        return new String(JsonpWrapper.wrapOneShot("cb", true, 200, "OK", headers, body), StandardCharsets.UTF_8);
    }

    @Test
    void extendedOneShot()
    {
        assertEquals("/**/cb({\"code\": 200, \"reason\": \"OK\", \"headers\": {\"A\":\"1\",\"B\":\"2\"}, \"body\": \"[1]\\r\\n\"});\n",
            oneShot(List.of(h("B", "2"), h("A", "1")), utf8("[1]\r\n")));
        assertEquals("/**/a.b[0]({\"code\": 404, \"reason\": \"Not Found\", \"headers\": {}, \"body\": \"\"});\n",
            new String(JsonpWrapper.wrapOneShot("a.b[0]", true, 404, "Not Found", List.of(), new byte[0]), StandardCharsets.UTF_8));
    }

    @Test
    void oneShotHeadersKeepTheFirstValueOfEachSpellingSorted()
    {
        List<HeaderField> headers = List.of(h("x-a", "2"), h("X-A", "1"), h("X-A", "3"), h("Set-Cookie", "a=1"),
            h("Set-Cookie", "b=2"), h("Connection", "close"), h("keep-alive", "5"), h("TRANSFER-ENCODING", "chunked"),
            h("Z", "Fine \u00c3\u00a9"), h("Q", "\"\\"));
        assertEquals("/**/cb({\"code\": 200, \"reason\": \"OK\", \"headers\": {\"Q\":\"\\\"\\\\\",\"Set-Cookie\":\"a=1\","
                + "\"X-A\":\"1\",\"Z\":\"Fine \u00e9\",\"x-a\":\"2\"}, \"body\": \"\"});\n",
            oneShot(headers, new byte[0]));
    }

    @Test
    void reasonIsReadAsUtf8AndEscaped()
    {
        byte[] out = JsonpWrapper.wrapOneShot("cb", true, 299, "Fine \u00c3\u00a9 \"x\"", List.of(), new byte[0]);
        assertEquals("/**/cb({\"code\": 299, \"reason\": \"Fine \u00e9 \\\"x\\\"\", \"headers\": {}, \"body\": \"\"});\n",
            new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void bodyIsEscapedAsQtWritesIt()
    {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8("h\u00e9\u2028 \"q\" \\ / \u0001\u007f\t\r\n"));
        body.writeBytes(bytes("fffe"));
        body.writeBytes(utf8(" end\n"));
        assertArrayEquals(utf8("/**/cb({\"code\": 200, \"reason\": \"OK\", \"headers\": {}, \"body\": "
                + "\"h\u00e9\u2028 \\\"q\\\" \\\\ / \\u0001\u007f\\t\\r\\n\ufffd\ufffd end\\n\"});\n"),
            JsonpWrapper.wrapOneShot("cb", true, 200, "OK", List.of(), body.toByteArray()));
    }

    /** Qt's QString::fromUtf8 writes one U+FFFD for every byte it cannot use (Qt's tests, UTF-8-test.html 3.3 and 5.1). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ff|1", "fffe|2", "80bf|2", "c080|2", "e0808030|3", "e282|2", "e28230|2", "efbf30|2", "f09f98|3", "f09f9830|3",
        "eda080|3"})
    void eachMalformedByteBecomesOneReplacementCharacter(String hex, int replacements)
    {
        byte[] body = bytes(hex);
        String tail = body[body.length - 1] == '0' ? "0" : "";
        assertEquals("/**/cb({\"code\": 200, \"reason\": \"OK\", \"headers\": {}, \"body\": \""
                + "\ufffd".repeat(replacements) + tail + "\"});\n",
            oneShot(List.of(), body), hex);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5b315d0d0a|5b315d", "610a0a|610a", "0d|0d", "780d|780d", "0a|''", "0d0a|''", "''|''",
        "610d0a0d0a|610d0a", "610a0d|610a0d", "0a0d0a|0a", "ff0a|ff", "e282|e282"})
    void basicWrapsTheRawBodyMinusOneTrailingNewline(String body, String wrapped)
    {
        byte[] expected = concat(utf8("/**/cb("), bytes(wrapped), utf8(");\n"));
        List<HeaderField> headers = List.of(h("X-A", "1"));
        assertArrayEquals(expected, JsonpWrapper.wrapOneShot("cb", false, 500, "Oops", headers, bytes(body)));
        assertArrayEquals(expected, JsonpWrapper.wrapHeld("cb", false, 201, "Yes", headers, bytes(body)));
    }

    @Test
    void heldAnswerAsPushpinWritesIt()
    {
        List<HeaderField> headers = List.of(h("Server", "BaseHTTP/0.6 Python/3.11.7"), h("Date", "D"),
            h("Content-Type", "application/json"), h("Cache-Control", "max-age=3"), h("X-Pub", "1"), h("x-pub", "2"));
        String expected = "/**/cb({\"body\":\"pub\\n\",\"code\":201,\"headers\":{\"Cache-Control\":\"max-age=3\","
            + "\"Content-Type\":\"application/json\",\"Date\":\"D\",\"Server\":\"BaseHTTP/0.6 Python/3.11.7\",\"X-Pub\":\"1, 2\"},"
            + "\"reason\":\"Yes\"});\n";
        assertArrayEquals(utf8(expected), JsonpWrapper.wrapHeld("cb", true, 201, "Yes", headers, utf8("pub\n")));
    }

    @Test
    void heldHeadersJoinUnderTheFirstSpelling()
    {
        List<HeaderField> headers = List.of(h("b", "1"), h("A", "2"), h("B", "3"), h("X-PUB", "x"), h("x-pub", "y"),
            h("X-Pub", "z"), h("Connection", "close"), h("Keep-Alive", "5"), h("transfer-encoding", "chunked"),
            h("Z", "Fine \u00c3\u00a9"));
        String expected = "/**/f({\"body\":\"\",\"code\":200,\"headers\":{\"A\":\"2\",\"X-PUB\":\"x, y, z\",\"Z\":\"Fine \u00e9\","
            + "\"b\":\"1, 3\"},\"reason\":\"OK\"});\n";
        assertEquals(expected, new String(JsonpWrapper.wrapHeld("f", true, 200, "OK", headers, new byte[0]), StandardCharsets.UTF_8));
    }

    @Test
    void heldBodyAndReasonAreEscaped()
    {
        byte[] body = concat(utf8("\"\\\u0001\r\n\u00e9"), bytes("ff"), new byte[0]);
        String expected = "/**/cb({\"body\":\"\\\"\\\\\\u0001\\r\\n\u00e9\ufffd\",\"code\":504,\"headers\":{},"
            + "\"reason\":\"Fine \u00e9\\t\"});\n";
        assertEquals(expected, new String(JsonpWrapper.wrapHeld("cb", true, 504, "Fine \u00c3\u00a9\t", List.of(), body),
            StandardCharsets.UTF_8));
    }

    static byte[] concat(byte[]... parts)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts)
            out.writeBytes(part);
        return out.toByteArray();
    }
}
