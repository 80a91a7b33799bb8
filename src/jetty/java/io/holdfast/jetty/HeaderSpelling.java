// SPDX-License-Identifier: Apache-2.0
package io.holdfast.jetty;

import java.util.EnumSet;
import java.util.Set;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MetaData;

/**
 * Keeps a response header's name as the application spelled it. Jetty writes every header it knows
 * by its canonical name ({@code Content-type} from an origin goes out as {@code Content-Type});
 * Pushpin relays the origin's bytes. A known header whose given name differs is handed to the
 * generator as an unknown one, which it writes as it is. The framing headers stay known, because
 * the generator reads them to frame the body; the proxy never relays them anyway. Stateless.
 */
final class HeaderSpelling
{
    private static final Set<HttpHeader> FRAMING = EnumSet.of(HttpHeader.CONTENT_LENGTH, HttpHeader.TRANSFER_ENCODING,
        HttpHeader.CONNECTION);

    private HeaderSpelling()
    {
    }

    /** {@code response}, or a copy whose headers keep the names they were given; null stays null. */
    static MetaData.Response asGiven(MetaData.Response response)
    {
        if (response == null || !respells(response.getHttpFields()))
            return response;
        HttpFields.Mutable fields = HttpFields.build(response.getHttpFields().size());
        for (HttpField field : response.getHttpFields())
            fields.add(respells(field) ? new HttpField(null, field.getName(), field.getValue()) : field);
        return new MetaData.Response(response.getStatus(), response.getReason(), response.getHttpVersion(), fields,
            response.getContentLength(), response.getTrailersSupplier());
    }

    private static boolean respells(HttpFields fields)
    {
        if (fields == null)
            return false;
        for (HttpField field : fields)
        {
            if (respells(field))
                return true;
        }
        return false;
    }

    private static boolean respells(HttpField field)
    {
        HttpHeader header = field.getHeader();
        return header != null && !FRAMING.contains(header) && !header.asString().equals(field.getName());
    }
}
