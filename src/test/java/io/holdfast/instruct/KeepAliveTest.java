// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;

import static io.holdfast.instruct.InstructTesting.parseJson;
import static io.holdfast.instruct.InstructTesting.stream;
import static io.holdfast.instruct.InstructTesting.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Grip-Keep-Alive and the instruct body's {@code keep-alive}. Byte expectations for cstring and
 * base64 are what Pushpin 1.36 wrote into a held stream with {@code timeout=1}.
 */
class KeepAliveTest
{
    private static KeepAlive header(String value) throws GripFormatException
    {
        return stream("Grip-Keep-Alive", value).keepAlive().orElseThrow();
    }

    private static KeepAlive json(String keepAlive, String... extra) throws GripFormatException
    {
        return parseJson("{\"hold\": {\"mode\": \"stream\", \"channels\": [{\"name\": \"a\"}], \"keep-alive\": "
            + keepAlive + "}}", extra).keepAlive().orElseThrow();
    }

    @Test
    void noKeepAliveByDefault() throws GripFormatException
    {
        assertEquals(Optional.empty(), stream().keepAlive());
        assertEquals(Optional.empty(), parseJson("{\"hold\": {\"channels\": []}}").keepAlive());
    }

    @Test
    void rawWithTimeout() throws GripFormatException
    {
        KeepAlive ka = header("ping1\\n; timeout=10");
        assertEquals("ping1\\n", text(ka.content()));
        assertEquals(10, ka.timeoutSeconds());
        assertEquals(KeepAlive.Mode.IDLE, ka.mode());
        assertEquals("x", text(header("x; format=raw").content()));
    }

    @Test
    void cstring() throws GripFormatException
    {
        assertEquals("ping2\n", text(header("ping2\\n; format=cstring").content()));
        assertEquals(":\n\n", text(header(":\\n\\n; format=cstring; timeout=30").content()));
        // Pushpin 1.36 wrote "ABA\\\r\n, C": \t vanished, \x41 is A, and the comma is data.
        assertEquals("ABA\\\r\n, C", text(header("A\\tB\\x41\\\\\\r\\n, C; format=cstring; timeout=1").content()));
        assertArrayEquals(new byte[] {(byte) 0xff, 0}, header("\\xfF\\x00; format=cstring").content());
    }

    @Test
    void base64IsLenient() throws GripFormatException
    {
        assertEquals("ping3\n", text(header("cGluZzMK; format=base64").content()));
        // Pushpin 1.36 wrote "hello\n" for this: '*' and '=' are skipped.
        assertEquals("hello\n", text(header("a*GV=sbG8K; format=base64; timeout=0").content()));
        assertEquals("", text(header("!!!; format=base64").content()));
    }

    @Test
    void modes() throws GripFormatException
    {
        assertEquals(KeepAlive.Mode.IDLE, header("x; mode=idle").mode());
        assertEquals(KeepAlive.Mode.IDLE, header("x; mode=").mode());
        assertEquals(KeepAlive.Mode.INTERVAL, header("ping4\\n; mode=interval").mode());
        assertEquals("ping4\\n", text(header("ping4\\n; mode=interval").content()));
    }

    @Test
    void timeoutDefaultsTo55AndIsAtLeast1() throws GripFormatException
    {
        assertEquals(55, header("x").timeoutSeconds());
        assertEquals(1, header("x; timeout=0").timeoutSeconds());
        assertEquals(1, header("x; timeout=1").timeoutSeconds());
        assertEquals(55, json("{\"content\": \"x\"}").timeoutSeconds());
        assertEquals(1, json("{\"content\": \"x\", \"timeout\": 0}").timeoutSeconds());
    }

    @Test
    void onlyTheFirstHeaderCountsAndCommasAreData() throws GripFormatException
    {
        KeepAlive ka = stream("Grip-Keep-Alive", "a, b; timeout=3", "Grip-Keep-Alive", "c; timeout=9")
            .keepAlive().orElseThrow();
        assertEquals("a, b", text(ka.content()));
        assertEquals(3, ka.timeoutSeconds());
    }

    @Test
    void leadingValueIsCutAtTheFirstSemicolon() throws GripFormatException
    {
        // Pushpin 1.36 sent the two bytes "q for "q;x"; format="raw".
        KeepAlive ka = header("\"q;x\"; format=\"raw\"; timeout=1");
        assertEquals("\"q", text(ka.content()));
        assertEquals(1, ka.timeoutSeconds());
    }

    @Test
    void ignoredWhenEmptyOrBrokenlyQuoted() throws GripFormatException
    {
        assertEquals(Optional.empty(), stream("Grip-Keep-Alive", "").keepAlive());
        assertEquals(Optional.empty(), stream("Grip-Keep-Alive", "x; timeout=\"3").keepAlive());
    }

    @Test
    void jsonContent() throws GripFormatException
    {
        assertEquals("KA\n", text(json("{\"content\": \"KA\\n\", \"timeout\": 2}").content()));
        assertEquals("bin", text(json("{\"content\": \"text\", \"content-bin\": \"Ymlu\"}").content()));
        assertEquals("\u00e9", new String(json("{\"content\": \"\u00e9\"}").content(), StandardCharsets.UTF_8));
        assertEquals("", text(json("{}").content()));
    }

    @Test
    void jsonKeepAliveWithoutHeaderIsInterval() throws GripFormatException
    {
        // Pushpin 1.36 sent a JSON keep-alive (timeout 2) between publishes 0.4 s apart: the
        // timer is never restarted by writes.
        KeepAlive ka = json("{\"content\": \"KA\\n\", \"timeout\": 2}");
        assertEquals(KeepAlive.Mode.INTERVAL, ka.mode());
        assertEquals(2, ka.timeoutSeconds());
    }

    @Test
    void jsonOverlaysTheHeader() throws GripFormatException
    {
        // Content from the header, timeout from JSON: Pushpin 1.36 sent KH about every second.
        KeepAlive ka = json("{\"timeout\": 1}", "Grip-Keep-Alive", "KH\\n; format=cstring; timeout=30");
        assertEquals("KH\n", text(ka.content()));
        assertEquals(1, ka.timeoutSeconds());
        assertEquals(KeepAlive.Mode.IDLE, ka.mode());

        // Content from JSON, timeout back to the default 55 (no keep-alive within 8 s), mode from the header.
        ka = json("{\"content\": \"KJ\\n\"}", "Grip-Keep-Alive", "KH; mode=interval; timeout=2");
        assertEquals("KJ\n", text(ka.content()));
        assertEquals(55, ka.timeoutSeconds());
        assertEquals(KeepAlive.Mode.INTERVAL, ka.mode());
    }
}
