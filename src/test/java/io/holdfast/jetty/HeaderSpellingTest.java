// SPDX-License-Identifier: Apache-2.0
package io.holdfast.jetty;

import java.util.List;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class HeaderSpellingTest
{
    @Test
    void aKnownHeaderSpelledOtherwiseGoesOutAsGiven()
    {
        MetaData.Response given = response(HttpFields.build().add("Content-type", "text/plain").add("set-cookie", "a=1")
            .add("X-Own", "1").add("Cache-Control", "no-cache"));
        MetaData.Response sent = HeaderSpelling.asGiven(given);
        assertEquals(List.of("Content-type: text/plain", "set-cookie: a=1", "X-Own: 1", "Cache-Control: no-cache"),
            sent.getHttpFields().stream().map(HttpField::toString).toList());
        assertNull(sent.getHttpFields().getField(0).getHeader(), "written by name, as an unknown header is");
        assertEquals(HttpHeader.CACHE_CONTROL, sent.getHttpFields().getField(3).getHeader());
        assertEquals(given.getStatus(), sent.getStatus());
        assertEquals(given.getContentLength(), sent.getContentLength());
    }

    @Test
    void framingHeadersStayKnownForTheGeneratorToFrameTheBody()
    {
        MetaData.Response given = response(HttpFields.build().add("content-length", "5").add("connection", "close")
            .add("transfer-encoding", "chunked"));
        assertSame(given, HeaderSpelling.asGiven(given));
    }

    @Test
    void aResponseSpelledCanonicallyIsNotCopied()
    {
        MetaData.Response given = response(HttpFields.build().add("Content-Type", "text/plain").add("x-anything", "1"));
        assertSame(given, HeaderSpelling.asGiven(given));
        assertNull(HeaderSpelling.asGiven(null));
    }

    private static MetaData.Response response(HttpFields.Mutable fields)
    {
        return new MetaData.Response(200, null, HttpVersion.HTTP_1_1, fields, -1);
    }
}
