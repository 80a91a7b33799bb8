// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;

import static io.holdfast.instruct.InstructTesting.parse;
import static io.holdfast.instruct.InstructTesting.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Grip-Link: which values give a next link, and the URI kept for it. */
class NextLinkTest
{
    private static Optional<NextLink> link(String... values) throws GripFormatException
    {
        String[] nv = new String[values.length * 2];
        for (int i = 0; i < values.length; i++)
        {
            nv[2 * i] = "Grip-Link";
            nv[2 * i + 1] = values[i];
        }
        return stream(nv).nextLink();
    }

    @Test
    void relativeAndAbsoluteLinks() throws GripFormatException
    {
        // Pushpin 1.36 fetched the link for rel="next" and for REL=next; Timeout=1.
        assertEquals(Optional.of(new NextLink(URI.create("/next?after=2"), 120)), link("</next?after=2>; rel=next"));
        assertEquals(Optional.of(new NextLink(URI.create("http://h:8080/x"), 0)),
            link("<http://h:8080/x>; rel=next; timeout=0"));
        assertEquals(Optional.of(new NextLink(URI.create("/q"), 7)), link("</q>; timeout=7; rel=\"next\""));
        assertEquals(Optional.of(new NextLink(URI.create("/q"), 5)), link("</q>; REL=next; Timeout=5"));
    }

    @Test
    void onlyRelNextCounts() throws GripFormatException
    {
        // Pushpin 1.36 never fetched the link for rel=Next.
        assertEquals(Optional.empty(), link("</p>; rel=prev"));
        assertEquals(Optional.empty(), link("</p>; rel=Next"));
        assertEquals(Optional.empty(), link("</p>"));
        assertEquals(Optional.empty(), link("</p>; timeout=3"));
        assertEquals(Optional.empty(), parse("").nextLink());
    }

    @Test
    void lastNextLinkWins() throws GripFormatException
    {
        assertEquals(URI.create("/b"), link("</a>; rel=next, </b>; rel=next").orElseThrow().uri());
        assertEquals(URI.create("/b"), link("</a>; rel=next", "</b>; rel=next", "</c>; rel=prev").orElseThrow().uri());
    }

    @Test
    void aNextLinkWithoutHoldIsKept() throws GripFormatException
    {
        assertEquals(URI.create("/more"),
            parse("page", "Grip-Link", "</more>; rel=next").nextLink().orElseThrow().uri());
        assertEquals(HoldMode.NONE, parse("page", "Grip-Link", "</more>; rel=next").hold());
    }

    @Test
    void illegalCharactersOutsideTheAuthorityAreEscaped() throws GripFormatException
    {
        // Pushpin 1.36 (QUrl's tolerant mode) accepted each of these.
        assertEquals(URI.create("a%20b"), link("<a b>; rel=next").orElseThrow().uri());
        assertEquals(URI.create("%25zz"), link("<%zz>; rel=next").orElseThrow().uri());
        assertEquals(URI.create("/a%7Bb%7D"), link("</a{b}>; rel=next").orElseThrow().uri());
        assertEquals(URI.create("http://h/%C3%A9"), link("<http://h/\u00e9>; rel=next").orElseThrow().uri());
        assertEquals(URI.create("/x%5B1%5D?q=%22v%22"), link("</x[1]?q=\"v\">; rel=next").orElseThrow().uri());
        assertEquals(URI.create("/ok%41"), link("</ok%41>; rel=next").orElseThrow().uri());
    }

    @Test
    void ipv6HostsAreFine() throws GripFormatException
    {
        assertEquals(URI.create("http://[::1]:8080/n"), link("<http://[::1]:8080/n>; rel=next").orElseThrow().uri());
    }

    @Test
    void linkUrisDirectly()
    {
        assertEquals(Optional.empty(), LinkUris.parse("http://h:65536/"));
        assertEquals(Optional.of(URI.create("http://h:65535/")), LinkUris.parse("http://h:65535/"));
        assertEquals(Optional.empty(), LinkUris.parse("http://exa mple.com/"));
        assertEquals(Optional.of(URI.create("mailto:a@b")), LinkUris.parse("mailto:a@b"));
        assertEquals(Optional.of(URI.create("?x=%F0%9F%98%80")), LinkUris.parse("?x=\ud83d\ude00"));
    }
}
