// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Grip-Sig} token: an HS256 JWT with {@code iss} and {@code exp} claims that tells an
 * origin a request came through the GRIP proxy (RFC 7519; the header is
 * {@code {"typ":"JWT","alg":"HS256"}} as Pushpin sends it). Pure.
 */
public final class GripSig
{
    private static final String HEADER = base64Url("{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));

    private GripSig()
    {
    }

    /** The signed token for issuer {@code iss}, expiring at {@code expEpochSeconds}. */
    public static String sign(String iss, byte[] key, long expEpochSeconds)
    {
        // Claim order as Pushpin writes them, so tokens compare byte for byte.
        String claims = "{\"exp\":" + expEpochSeconds + ",\"iss\":" + jsonString(iss) + "}";
        String signingInput = HEADER + "." + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + base64Url(hmac(key, signingInput));
    }

    /** A {@code sig_key} value as bytes: {@code base64:} prefix decoded, else the UTF-8 text. */
    public static byte[] keyBytes(String configured)
    {
        if (configured.startsWith("base64:"))
            return Base64.getDecoder().decode(configured.substring("base64:".length()));
        return configured.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hmac(byte[] key, String input)
    {
        try
        {
            Mac mac = Mac.getInstance("HmacSHA256");
            // An empty key is legal for HMAC but SecretKeySpec refuses it; one zero byte is equivalent.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        }
        catch (GeneralSecurityException e)
        {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String base64Url(byte[] bytes)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String jsonString(String value)
    {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray())
        {
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default ->
                {
                    if (c < 0x20)
                        out.append(String.format("\\u%04x", (int)c));
                    else
                        out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
