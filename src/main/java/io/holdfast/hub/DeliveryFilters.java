// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The GRIP subscription filters that decide whether an item reaches a subscriber: {@code skip-self},
 * {@code skip-users} and {@code require-sub} (GRIP §4.5). Content-rewriting filters are applied by
 * the transports. Stateless.
 */
final class DeliveryFilters
{
    private DeliveryFilters()
    {
    }

    static boolean pass(List<String> filters, Map<String, String> subscriberMeta, Map<String, String> publishMeta,
                        Predicate<String> subscribedTo)
    {
        if (filters.isEmpty())
            return true;
        for (String filter : filters)
        {
            switch (filter)
            {
                case "skip-self" ->
                {
                    String user = subscriberMeta.get("user");
                    if (user != null && user.equals(publishMeta.get("sender")))
                        return false;
                }
                case "skip-users" ->
                {
                    String user = subscriberMeta.get("user");
                    if (user != null && listContains(publishMeta.get("skip_users"), user))
                        return false;
                }
                case "require-sub" ->
                {
                    String required = publishMeta.get("require_sub");
                    if (required != null && !subscribedTo.test(required))
                        return false;
                }
                default ->
                {
                    // content filters (var-subst, build-id) do not decide delivery
                }
            }
        }
        return true;
    }

    private static boolean listContains(String commaList, String value)
    {
        if (commaList == null)
            return false;
        for (String part : commaList.split(","))
        {
            if (part.trim().equals(value))
                return true;
        }
        return false;
    }
}
