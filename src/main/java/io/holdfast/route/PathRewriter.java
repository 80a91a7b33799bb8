// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Computes the path Pushpin sends to a route's target: {@code path_rem}, {@code replace_beg} and
 * the built-in test origin's automatic {@code path_beg} strip, with Pushpin's edge cases. Pure static
 * functions.
 *
 * <p>Rules reproduced (each checked against Pushpin 1.36):
 * <ul>
 * <li>{@code replace_beg} removes the length of {@code path_beg} (nothing without one) and then
 *     prepends its value; when it is present {@code path_rem} is ignored.</li>
 * <li>The removal counts characters of the encoded path, not segments: {@code path_beg=/api} with
 *     {@code replace_beg=/v2} turns {@code /apix} into {@code /v2x}.</li>
 * <li>A result Qt's strict URL check rejects (space, {@code |}, bad {@code %} escape, ...) is
 *     dropped, so the origin sees {@code /}; an empty result is sent as {@code /}.</li>
 * <li>A result that does not start with {@code /} makes an invalid URL: Pushpin answers
 *     {@code 502 Error while proxying to origin.} (zurl logs "missing request uri").</li>
 * <li>For the {@code test} target the rewritten path then loses {@code path_beg}'s length (one
 *     less if it ends in {@code /}); the two rules above do not apply there, as the test handler
 *     just answers 404 for a path it does not know, including an empty one.</li>
 * </ul>
 */
public final class PathRewriter
{
    private PathRewriter()
    {
    }

    /**
     * Returns the path (without query) to request from {@code target}.
     *
     * @param encodedPath the client's request path, percent-encoded (normalized here as Pushpin does)
     * @return the path, or empty when Pushpin cannot build the origin URL and fails the request
     */
    public static Optional<String> rewrite(Route route, Target target, String encodedPath)
    {
        String path = EncodedPaths.normalize(encodedPath);
        RouteOptions options = route.options();
        Optional<String> pathBeg = route.condition().pathBeg();

        int remove = options.pathRem();
        if (options.replaceBeg().isPresent())
        {
            remove = pathBeg.map(PathRewriter::utf8Length).orElse(0);
        }
        path = dropLeading(path, remove);
        String prepend = options.replaceBeg().orElse("");
        if (!prepend.isEmpty())
        {
            path = prepend + path;
        }
        path = EncodedPaths.isStrictlyValid(path) ? EncodedPaths.normalize(path) : "";

        if (target.kind() == Target.Kind.TEST)
        {
            if (pathBeg.isEmpty())
            {
                return Optional.of(path);
            }
            int testRemove = utf8Length(pathBeg.get()) - (pathBeg.get().endsWith("/") ? 1 : 0);
            return Optional.of(dropLeading(path, testRemove));
        }
        if (path.isEmpty())
        {
            return Optional.of("/");
        }
        return path.startsWith("/") ? Optional.of(path) : Optional.empty();
    }

    /** Drops {@code count} leading characters, like {@code QByteArray::mid}: nothing left is fine. */
    private static String dropLeading(String path, int count)
    {
        if (count <= 0)
        {
            return path;
        }
        return count >= path.length() ? "" : path.substring(count);
    }

    /** Pushpin measures path_beg as UTF-8 bytes. */
    private static int utf8Length(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
