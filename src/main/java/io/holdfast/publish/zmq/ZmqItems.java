// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.zmq;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.item.ItemEncoding;
import io.holdfast.format.item.PublishItem;
import io.holdfast.format.item.PublishItemParser;
import io.holdfast.format.item.PushpinJson;
import io.holdfast.format.tnetstring.TnetJson;
import io.holdfast.format.tnetstring.TnetStringCodec;

/**
 * Reads one item from a ZeroMQ message body (GRIP §6.2): {@code J} and a JSON object, {@code T} and
 * a tnetstring dict, or a tnetstring with no prefix (the legacy form). Failures carry the text
 * Pushpin logs, {@code received message with invalid format ...}. Pure and thread-safe.
 */
final class ZmqItems
{
    private ZmqItems()
    {
    }

    /** @param channel the SUB input's channel frame, which replaces the item's own {@code channel} */
    static PublishItem parse(byte[] body, Optional<String> channel) throws GripFormatException
    {
        JsonNode tree;
        ItemEncoding encoding;
        if (body.length > 0 && body[0] == 'J')
        {
            Optional<JsonNode> json = PushpinJson.parse(Arrays.copyOfRange(body, 1, body.length));
            if (json.isEmpty())
                throw new GripFormatException("received message with invalid format (json parse failed)");
            if (!json.get().isObject())
                throw new GripFormatException("received message with invalid format (not a valid json object)");
            tree = json.get();
            encoding = ItemEncoding.JSON;
        }
        else
        {
            int offset = body.length > 0 && body[0] == 'T' ? 1 : 0;
            try
            {
                tree = TnetJson.toJson(TnetStringCodec.decode(body, offset));
            }
            catch (GripFormatException e)
            {
                throw new GripFormatException("received message with invalid format (tnetstring parse failed: "
                    + e.getMessage() + ")");
            }
            encoding = ItemEncoding.TNETSTRING;
        }
        try
        {
            return PublishItemParser.parse(tree, encoding, channel);
        }
        catch (GripFormatException e)
        {
            throw new GripFormatException("received message with invalid format: " + e.getMessage());
        }
    }
}
