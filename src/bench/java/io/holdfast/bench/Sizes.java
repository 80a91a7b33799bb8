// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

/** How big each scenario is: the sizes, or small ones for a quick smoke run (--quick). */
record Sizes(int burstSubs, int burstMessages, int burstPublishers, int tenkSubs, int tenkMessages, int multiSubs,
             int multiChannels, int multiRounds, int multiPublishers, int pollClients, int pollSeconds, int publishSeconds,
             int publishConnections, int passSeconds, int passConnections, int setupStreams, int rssSmall, int rssLarge,
             int openWindow, int flood, int soakRounds, int soakStreams, int slowBurstMessages)
{
    static Sizes full()
    {
        return new Sizes(1000, 200, 4, 10_000, 5, 10_000, 1000, 5, 8, 1000, 10, 5, 8, 5, 64, 5000, 1000, 19_000, 100, 15_000, 20, 5000, 2000);
    }

    static Sizes quick()
    {
        return new Sizes(200, 50, 4, 2000, 3, 2000, 200, 3, 8, 200, 3, 2, 8, 2, 64, 1000, 500, 3000, 100, 3000, 3, 1000, 200);
    }

    Sizes withOpenWindow(int window)
    {
        return new Sizes(burstSubs, burstMessages, burstPublishers, tenkSubs, tenkMessages, multiSubs, multiChannels,
            multiRounds, multiPublishers, pollClients, pollSeconds, publishSeconds, publishConnections, passSeconds,
            passConnections, setupStreams, rssSmall, rssLarge, window, flood, soakRounds, soakStreams, slowBurstMessages);
    }
}
