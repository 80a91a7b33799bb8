// SPDX-License-Identifier: Apache-2.0
package io.holdfast.config;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolved settings: a system property wins over the web.xml context-param, which wins over the
 * built-in default. Values are checked when read, so a bad value fails start-up with a message that
 * names the key. Immutable.
 */
public final class Settings
{
    private final Map<Setting, String> values;

    private Settings(Map<Setting, String> values)
    {
        this.values = values;
    }

    /**
     * @param contextParam looks up a web.xml context-param (null when absent)
     * @param systemProperty looks up a system property (null when absent)
     */
    public static Settings resolve(Function<String, String> contextParam, Function<String, String> systemProperty)
    {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values())
        {
            String value = systemProperty.apply(setting.key());
            if (value == null)
                value = contextParam.apply(setting.key());
            values.put(setting, value == null ? setting.defaultValue() : value.trim());
        }
        return new Settings(values);
    }

    /** Defaults overridden by {@code overrides} (key to value); for tests and embedding. */
    public static Settings of(Map<String, String> overrides)
    {
        return resolve(overrides::get, key -> null);
    }

    public String string(Setting setting)
    {
        return values.get(setting);
    }

    public boolean bool(Setting setting)
    {
        String value = string(setting);
        return switch (value.toLowerCase())
        {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off", "" -> false;
            default -> throw invalid(setting, value, "true or false");
        };
    }

    public int integer(Setting setting)
    {
        long value = number(setting);
        if (value > Integer.MAX_VALUE)
            throw invalid(setting, string(setting), "a number up to " + Integer.MAX_VALUE);
        return (int)value;
    }

    public long number(Setting setting)
    {
        String value = string(setting);
        try
        {
            long number = Long.parseLong(value);
            if (number < 0)
                throw invalid(setting, value, "a number of 0 or more");
            return number;
        }
        catch (NumberFormatException e)
        {
            throw invalid(setting, value, "a number");
        }
    }

    private static IllegalArgumentException invalid(Setting setting, String value, String expected)
    {
        return new IllegalArgumentException(setting.key() + ": '" + value + "' is not " + expected);
    }
}
