// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BearerTokenTest
{
    private static final long NOW = 1_800_000_000L;
    private static final String KEY = "s3cret";

    @Test
    void aJwtSignedWithTheKeyAndNotExpiredPasses()
    {
        assertEquals(Optional.empty(), problem("Bearer " + GripSig.sign("anyone", bytes(KEY), NOW + 60), Optional.empty()));
        assertEquals(Optional.empty(), problem("bearer " + GripSig.sign("anyone", bytes(KEY), NOW + 60), Optional.empty()),
            "the scheme is case-insensitive");
    }

    @Test
    void theIssuerMustMatchWhenOneIsRequired()
    {
        String token = GripSig.sign("publisher", bytes(KEY), NOW + 60);
        assertEquals(Optional.empty(), problem("Bearer " + token, Optional.of("publisher")));
        assertEquals(Optional.of("JWT iss is not the one required"), problem("Bearer " + token, Optional.of("other")));
        assertEquals(Optional.of("JWT iss is not the one required"),
            problem("Bearer " + jwt("{\"alg\":\"HS256\"}", "{\"exp\":" + (NOW + 60) + "}", KEY), Optional.of("publisher")));
    }

    @Test
    void anExpiredOrExpLessJwtFails()
    {
        assertEquals(Optional.of("JWT has expired"), problem("Bearer " + GripSig.sign("a", bytes(KEY), NOW), Optional.empty()));
        assertEquals(Optional.of("JWT has no numeric exp"),
            problem("Bearer " + jwt("{\"alg\":\"HS256\"}", "{\"iss\":\"a\"}", KEY), Optional.empty()));
        assertEquals(Optional.of("JWT has no numeric exp"),
            problem("Bearer " + jwt("{\"alg\":\"HS256\"}", "{\"exp\":\"soon\"}", KEY), Optional.empty()));
        assertEquals(Optional.empty(),
            problem("Bearer " + jwt("{\"alg\":\"HS256\"}", "{\"exp\":" + NOW + ".5}", KEY), Optional.empty()), "a fractional exp");
    }

    @Test
    void aJwtSignedWithAnotherKeyOrAlgorithmFails()
    {
        assertEquals(Optional.of("JWT signature does not match the key"),
            problem("Bearer " + GripSig.sign("a", bytes("other"), NOW + 60), Optional.empty()));
        String claims = "{\"exp\":" + (NOW + 60) + "}";
        assertEquals(Optional.of("JWT alg is not HS256"), problem("Bearer " + jwt("{\"alg\":\"none\"}", claims, KEY), Optional.empty()));
        String unsigned = b64("{\"alg\":\"none\"}") + "." + b64(claims) + ".";
        assertEquals(Optional.of("JWT alg is not HS256"), problem("Bearer " + unsigned, Optional.empty()));
        assertEquals(Optional.of("JWT signature is not base64url"),
            problem("Bearer " + b64("{\"alg\":\"HS256\"}") + "." + b64(claims) + ".***", Optional.empty()));
        assertEquals(Optional.of("JWT header is not a JSON object"), problem("Bearer a.b.c", Optional.empty()));
    }

    @Test
    void theRawKeyPassesAsWrittenAndWithoutItsBase64Prefix()
    {
        assertEquals(Optional.empty(), problem("Bearer s3cret", Optional.of("ignored for a raw key")));
        String binary = "base64:" + Base64.getEncoder().encodeToString(new byte[]{1, 2, 3});
        assertEquals(Optional.empty(), BearerToken.problem("Bearer " + binary, binary, Optional.empty(), NOW));
        assertEquals(Optional.empty(), BearerToken.problem("Bearer AQID", binary, Optional.empty(), NOW));
        assertEquals(Optional.empty(), BearerToken.problem("Bearer " + GripSig.sign("a", new byte[]{1, 2, 3}, NOW + 1), binary,
            Optional.empty(), NOW), "a JWT is signed with the decoded key");
        assertEquals(Optional.of("token is neither the key nor a JWT"), problem("Bearer s3cre", Optional.empty()));
    }

    @Test
    void aMissingOrOtherAuthorizationFails()
    {
        assertEquals(Optional.of("missing Authorization header"), problem(null, Optional.empty()));
        assertEquals(Optional.of("Authorization is not a Bearer token"), problem("Basic czNjcmV0", Optional.empty()));
        assertEquals(Optional.of("empty Bearer token"), problem("Bearer  ", Optional.empty()));
    }

    private static Optional<String> problem(String authorization, Optional<String> issuer)
    {
        return BearerToken.problem(authorization, KEY, issuer, NOW);
    }

    private static String jwt(String header, String claims, String key)
    {
        String input = b64(header) + "." + b64(claims);
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(GripSig.hmac(bytes(key), input));
    }

    private static String b64(String json)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(json));
    }

    private static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
