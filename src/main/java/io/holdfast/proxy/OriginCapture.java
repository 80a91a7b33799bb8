// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

import io.holdfast.format.HeaderField;

/**
 * An origin response held back from the client because it carries GRIP instructions: status,
 * reason, headers and the body collected up to a limit, so a huge instruct body cannot exhaust
 * memory. Not thread-safe: filled by the origin response's listener, then handed over.
 */
final class OriginCapture
{
    private final int status;
    private final Optional<String> reason;
    private final List<HeaderField> headers;
    private final int limit;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean overflow;

    OriginCapture(int status, String reason, List<HeaderField> headers, int limit)
    {
        this.status = status;
        this.reason = Optional.ofNullable(reason).filter(r -> !r.isEmpty());
        this.headers = headers;
        this.limit = limit;
    }

    static List<HeaderField> fields(HttpFields fields)
    {
        List<HeaderField> list = new ArrayList<>(fields.size());
        for (HttpField field : fields)
            list.add(new HeaderField(field.getName(), field.getValue()));
        return list;
    }

    /** Adds body bytes; false once the body exceeds the limit (the rest is discarded). */
    boolean append(byte[] bytes, int offset, int length)
    {
        if (overflow || body.size() + length > limit)
        {
            overflow = true;
            return false;
        }
        body.write(bytes, offset, length);
        return true;
    }

    boolean overflow()
    {
        return overflow;
    }

    int status()
    {
        return status;
    }

    Optional<String> reason()
    {
        return reason;
    }

    List<HeaderField> headers()
    {
        return headers;
    }

    byte[] body()
    {
        return body.toByteArray();
    }

    int bodySize()
    {
        return body.size();
    }
}
