// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.holdfast.config.Setting;
import io.holdfast.config.Settings;

/**
 * Pushpin's forwarded-header settings: {@code x_forwarded_for} ({@code truncate:N} keeps the last N
 * existing addresses, {@code append} adds the peer; empty passes the client's header untouched) and
 * {@code set_x_forwarded_protocol} / {@code accept_x_forwarded_protocol}. Immutable.
 */
record ForwardingPolicy(int truncateTo, boolean append, boolean setProto, boolean setProtocol, boolean acceptProto)
{
    static final int KEEP_ALL = -1;

    static ForwardingPolicy from(Settings settings)
    {
        int truncate = KEEP_ALL;
        boolean append = false;
        for (String rule : settings.string(Setting.X_FORWARDED_FOR).split(","))
        {
            String trimmed = rule.trim();
            if (trimmed.isEmpty())
                continue;
            if (trimmed.equals("append"))
                append = true;
            else if (trimmed.startsWith("truncate:"))
                truncate = parseCount(trimmed);
            else
                throw new IllegalArgumentException(Setting.X_FORWARDED_FOR.key() + ": unknown rule '" + trimmed + "'");
        }
        String proto = settings.string(Setting.SET_X_FORWARDED_PROTOCOL);
        boolean setBoth = proto.equals("true");
        boolean setProto = setBoth || proto.equals("proto-only");
        return new ForwardingPolicy(truncate, append, setProto, setBoth, settings.bool(Setting.ACCEPT_X_FORWARDED_PROTOCOL));
    }

    /** True when incoming X-Forwarded-Proto/-Protocol must be stripped (any protocol feature is on). */
    boolean stripsProto()
    {
        return setProto || acceptProto;
    }

    /** True when a rule rewrites X-Forwarded-For (else the client's header passes untouched). */
    boolean rewritesFor()
    {
        return truncateTo != KEEP_ALL || append;
    }

    /** The X-Forwarded-For value to send, or null for none. */
    String forwardedFor(List<String> clientValues, String peerAddress)
    {
        List<String> addresses = new ArrayList<>();
        for (String value : clientValues)
        {
            Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(addresses::add);
        }
        if (truncateTo != KEEP_ALL && addresses.size() > truncateTo)
            addresses = addresses.subList(addresses.size() - truncateTo, addresses.size());
        if (append)
            addresses.add(peerAddress);
        return addresses.isEmpty() ? null : String.join(", ", addresses);
    }

    private static int parseCount(String rule)
    {
        try
        {
            int n = Integer.parseInt(rule.substring("truncate:".length()));
            if (n >= 0)
                return n;
        }
        catch (NumberFormatException ignored)
        {
            // reported below
        }
        throw new IllegalArgumentException(Setting.X_FORWARDED_FOR.key() + ": bad rule '" + rule + "'");
    }
}
