// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SockJsPathTest
{
    @Test
    void staticPaths()
    {
        assertEquals(new SockJsPath.Info(), SockJsPath.parse("/info"));
        for (String iframe : List.of("/iframe.html", "/iframe-1.2.3.html", "/iframe-.html", "/iframe-0.1.2abc-dirty.2144.html"))
            assertEquals(new SockJsPath.Iframe(), SockJsPath.parse(iframe), iframe);
        assertEquals(new SockJsPath.RawWebSocket(), SockJsPath.parse("/websocket"));
    }

    @Test
    void sessionUrlsIgnoreTheServerPart()
    {
        assertEquals(new SockJsPath.Session("s1", SockJsTransport.XHR), SockJsPath.parse("/000/s1/xhr"));
        assertEquals(new SockJsPath.Session("abcdefg_i-j%20", SockJsTransport.JSONP_SEND),
            SockJsPath.parse("/abcdefgh_i-j%20/abcdefg_i-j%20/jsonp_send"));
        assertEquals(new SockJsPath.Session("_", SockJsTransport.WEBSOCKET), SockJsPath.parse("/_/_/websocket"));
        assertEquals(new SockJsPath.Session("x", SockJsTransport.EVENTSOURCE), SockJsPath.parse("/1/x/eventsource"));
        assertEquals(new SockJsPath.Session("x", SockJsTransport.XHR_STREAMING), SockJsPath.parse("/1/x/xhr_streaming"));
    }

    @Test
    void everythingElseIsNotFound()
    {
        for (String path : List.of("", "/", "//", "/info/", "/IFRAME.HTML", "/iframe.htm", "/a", "/a/a", "/a/a/", "/a/a/a/xhr",
            "//xhr", "///xhr", "/a./a/xhr", "/a/a./xhr", "/./././xhr", "/a/a/htmlfile", "/a/a/XHR", "/websocket/"))
            assertEquals(new SockJsPath.NotFound(), SockJsPath.parse(path), path);
    }
}
