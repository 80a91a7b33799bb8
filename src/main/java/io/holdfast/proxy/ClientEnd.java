// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

/**
 * Whether a client's response has ended, and the hold to end with it. A hold opened just as its
 * client left (a retry's answer taking over a long-poll, an origin answering while the client's
 * departure is being reported) adds its own listener to the request after the container has told
 * the listeners already, and it would never hear of it: it would stay subscribed, and counted as
 * held, until its timeout. The exchange's listener, added when the request arrived, always hears
 * it, and ends whichever hold is tracked then. Thread-safe.
 */
final class ClientEnd
{
    private volatile boolean ended;
    private volatile Runnable endHold;

    /** The client's response ended (completed, failed or timed out): the tracked hold ends too. */
    void ended()
    {
        ended = true;
        Runnable hold = endHold;
        if (hold != null)
            hold.run();
    }

    boolean hasEnded()
    {
        return ended;
    }

    /**
     * Tracks the hold now answering the client, in place of any before it: {@code endHold} runs
     * when the client's response ends, or at once if it has. It may run twice when both happen
     * together, so it must be idempotent.
     */
    void track(Runnable endHold)
    {
        // Written before ended is read, as ended() writes ended before reading this: whichever of
        // the two comes second sees the other, so the hold is ended at least once.
        this.endHold = endHold;
        if (ended)
            endHold.run();
    }
}
