// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.tnetstring;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One tnetstring value (the seven types of the tnetstring grammar, https://tnetstrings.info/, as
 * Pushpin uses them): byte string, integer, float, boolean, null, list and dict. Immutable; byte
 * arrays are copied in and out. Dict keys are byte strings on the wire and text here (Pushpin reads
 * them as UTF-8); a dict keeps its wire order.
 */
public sealed interface TnetValue
{
    /** A byte string ({@code ,}): raw bytes, no encoding implied. */
    record Bytes(byte[] value) implements TnetValue
    {
        public Bytes
        {
            value = value.clone();
        }

        @Override
        public byte[] value()
        {
            return value.clone();
        }

        /** The bytes as UTF-8 text (malformed input replaced, as Qt's {@code fromUtf8} does). */
        public String text()
        {
            return new String(value, StandardCharsets.UTF_8);
        }

        int length()
        {
            return value.length;
        }

        @Override
        public boolean equals(Object other)
        {
            return other instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode()
        {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString()
        {
            return "Bytes[" + text() + "]";
        }
    }

    /** An integer ({@code #}), 64 bits as in Pushpin. */
    record Int(long value) implements TnetValue
    {
    }

    /** A float ({@code ^}). */
    record Real(double value) implements TnetValue
    {
        public Real
        {
            if (!Double.isFinite(value))
                throw new IllegalArgumentException("tnetstring floats are finite: " + value);
        }
    }

    /** A boolean ({@code !}). */
    record Bool(boolean value) implements TnetValue
    {
    }

    /** The null value ({@code 0:~}). */
    record Null() implements TnetValue
    {
    }

    /** A list ({@code ]}). */
    record Array(List<TnetValue> values) implements TnetValue
    {
        public Array
        {
            values = List.copyOf(values);
        }
    }

    /** A dict ({@code }}): keys in wire order; a repeated key keeps its last value, as in Pushpin. */
    record Dict(Map<String, TnetValue> entries) implements TnetValue
    {
        public Dict
        {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public Optional<TnetValue> get(String key)
        {
            return Optional.ofNullable(entries.get(key));
        }
    }

    /** A byte string holding {@code text} as UTF-8. */
    static Bytes text(String text)
    {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A dict from alternating keys and values, for building replies. */
    static Dict dict(Object... keysAndValues)
    {
        Map<String, TnetValue> entries = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2)
            entries.put((String)keysAndValues[i], (TnetValue)keysAndValues[i + 1]);
        return new Dict(entries);
    }
}
