// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker;

/**
 * A broker operation that failed. For a publish, {@link #mayHaveBeenApplied()} tells the two cases
 * apart: {@code false} when the item was certainly not applied (refused before it was sent, or
 * refused by the broker before it wrote anything), {@code true} when the item was sent but no
 * confirmation came back (a timeout, a connection lost meanwhile): it may then have been applied
 * and delivered everywhere, or not at all.
 */
public final class BrokerUnavailableException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final boolean mayHaveBeenApplied;

    public BrokerUnavailableException(String message, boolean mayHaveBeenApplied, Throwable cause)
    {
        super(message, cause);
        this.mayHaveBeenApplied = mayHaveBeenApplied;
    }

    public BrokerUnavailableException(String message)
    {
        this(message, false, null);
    }

    /** Whether the operation may have taken effect although it failed (see the class comment). */
    public boolean mayHaveBeenApplied()
    {
        return mayHaveBeenApplied;
    }
}
