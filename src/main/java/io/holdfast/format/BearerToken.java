// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks the {@code Authorization} header of a control API request against the publish key: a
 * {@code Bearer} JWT signed HS256 with the key, whose {@code exp} has not passed and, when an issuer
 * is required, whose {@code iss} is it (what the GRIP libraries send given {@code key} and
 * {@code control_iss}); or {@code Bearer} followed by the key itself, as written in the setting,
 * for curl. Signatures and keys are compared in constant time. Pure.
 */
public final class BearerToken
{
    private static final String PREFIX = "Bearer ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BearerToken()
    {
    }

    /**
     * Why {@code authorization} (the header's value, or null) does not grant access; empty when it does.
     *
     * @param configuredKey the key as configured ({@code base64:} prefix for a binary key)
     * @param issuer        the {@code iss} a JWT must carry, if any
     * @param nowSeconds    the current time, seconds since the epoch
     */
    public static Optional<String> problem(String authorization, String configuredKey, Optional<String> issuer,
                                           long nowSeconds)
    {
        if (authorization == null)
            return Optional.of("missing Authorization header");
        if (!authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length()))
            return Optional.of("Authorization is not a Bearer token");
        String token = authorization.substring(PREFIX.length()).trim();
        if (token.isEmpty())
            return Optional.of("empty Bearer token");
        if (isRawKey(token, configuredKey))
            return Optional.empty();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3)
            return Optional.of("token is neither the key nor a JWT");
        return jwtProblem(parts, GripSig.keyBytes(configuredKey), issuer, nowSeconds);
    }

    private static boolean isRawKey(String token, String configuredKey)
    {
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        boolean asWritten = MessageDigest.isEqual(given, configuredKey.getBytes(StandardCharsets.UTF_8));
        boolean withoutPrefix = configuredKey.startsWith("base64:")
            && MessageDigest.isEqual(given, configuredKey.substring("base64:".length()).getBytes(StandardCharsets.UTF_8));
        return asWritten | withoutPrefix;
    }

    private static Optional<String> jwtProblem(String[] parts, byte[] key, Optional<String> issuer, long nowSeconds)
    {
        Optional<JsonNode> header = json(parts[0]);
        if (header.isEmpty() || !header.get().isObject())
            return Optional.of("JWT header is not a JSON object");
        // Only HS256: "none", or an algorithm the key was not meant for, must never pass.
        if (!"HS256".equals(header.get().path("alg").asText(null)))
            return Optional.of("JWT alg is not HS256");
        byte[] signature;
        try
        {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        }
        catch (IllegalArgumentException e)
        {
            return Optional.of("JWT signature is not base64url");
        }
        if (!MessageDigest.isEqual(signature, GripSig.hmac(key, parts[0] + "." + parts[1])))
            return Optional.of("JWT signature does not match the key");
        Optional<JsonNode> claims = json(parts[1]);
        if (claims.isEmpty() || !claims.get().isObject())
            return Optional.of("JWT claims are not a JSON object");
        JsonNode exp = claims.get().get("exp");
        if (exp == null || !exp.isNumber())
            return Optional.of("JWT has no numeric exp");
        if (exp.asDouble() <= nowSeconds)
            return Optional.of("JWT has expired");
        if (issuer.isPresent())
        {
            JsonNode iss = claims.get().get("iss");
            if (iss == null || !iss.isTextual() || !issuer.get().equals(iss.textValue()))
                return Optional.of("JWT iss is not the one required");
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> json(String base64Url)
    {
        try
        {
            return Optional.ofNullable(JSON.readTree(Base64.getUrlDecoder().decode(base64Url)));
        }
        catch (IllegalArgumentException | IOException e)
        {
            return Optional.empty();
        }
    }
}
