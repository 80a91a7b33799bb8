// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

/**
 * Told when a channel gets its first subscriber and loses its last one, so publish inputs can
 * subscribe at the source and stats can report it. Called outside hub locks, possibly from several
 * threads; a quick active/idle flip may arrive out of order, so check {@link ChannelHub#isActive}.
 */
public interface ChannelListener
{
    void channelActive(String channel);

    void channelIdle(String channel);

    ChannelListener NONE = new ChannelListener()
    {
        @Override
        public void channelActive(String channel)
        {
        }

        @Override
        public void channelIdle(String channel)
        {
        }
    };
}
