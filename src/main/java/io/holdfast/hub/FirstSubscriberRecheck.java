// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A second after a channel gets its first subscriber, its subscribers ask their origins again
 * (GRIP §9.1): whatever was published between the origin's answer and the subscription taking
 * effect reaches them that way. Thread-safe.
 */
final class FirstSubscriberRecheck
{
    private final ScheduledExecutorService timer;
    private final long delayMillis;

    FirstSubscriberRecheck(ScheduledExecutorService timer, long delayMillis)
    {
        this.timer = timer;
        this.delayMillis = delayMillis;
    }

    /** {@code activated} just got its first subscriber; {@code current} finds a channel's state now. */
    void schedule(ChannelState activated, Function<String, ChannelState> current)
    {
        timer.schedule(() -> recheck(activated, current), delayMillis, TimeUnit.MILLISECONDS);
    }

    // Only for the activation that scheduled it: once the channel has emptied, a later first
    // subscriber schedules its own re-check, and firing this one at the newcomers would just ask
    // their origins twice (long-polls answered every few milliseconds never went quiet for that).
    private static void recheck(ChannelState activated, Function<String, ChannelState> current)
    {
        ChannelState state = current.apply(activated.name);
        if (state != activated)
            return;
        for (Subscription subscription : List.copyOf(state.subscriptions.values()))
        {
            // One caught up from history missed nothing: asking its origin would only repeat it.
            if (subscription.subscriber.recheckWhenFirst() && !subscription.caughtUp)
                subscription.subscriber.recover();
        }
    }
}
