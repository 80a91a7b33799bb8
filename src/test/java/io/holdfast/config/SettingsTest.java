// SPDX-License-Identifier: Apache-2.0
package io.holdfast.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest
{
    @Test
    void systemPropertyBeatsContextParamBeatsDefault()
    {
        Map<String, String> params = Map.of("holdfast.sig.iss", "from-web-xml", "holdfast.sig.key", "k1");
        Map<String, String> properties = Map.of("holdfast.sig.key", "k2");
        Settings settings = Settings.resolve(params::get, properties::get);
        assertEquals("from-web-xml", settings.string(Setting.SIG_ISS));
        assertEquals("k2", settings.string(Setting.SIG_KEY));
        assertEquals(5561, settings.integer(Setting.CONTROL_PORT));
    }

    @Test
    void badValuesNameTheKey()
    {
        Settings settings = Settings.of(Map.of("holdfast.control.port", "abc", "holdfast.debug", "maybe",
            "holdfast.id.cache.ttl", "-1"));
        assertEquals("holdfast.control.port: 'abc' is not a number",
            assertThrows(IllegalArgumentException.class, () -> settings.integer(Setting.CONTROL_PORT)).getMessage());
        assertEquals("holdfast.debug: 'maybe' is not true or false",
            assertThrows(IllegalArgumentException.class, () -> settings.bool(Setting.DEBUG)).getMessage());
        assertEquals("holdfast.id.cache.ttl: '-1' is not a number of 0 or more",
            assertThrows(IllegalArgumentException.class, () -> settings.number(Setting.ID_CACHE_TTL)).getMessage());
    }

    @Test
    void everySettingIsDeclaredInWebXmlWithItsDefault() throws IOException
    {
        String webXml = Files.readString(Path.of("webapp/WEB-INF/web.xml"));
        for (Setting setting : Setting.values())
        {
            String declared = "<param-name>" + setting.key() + "</param-name>\n    <param-value>" + setting.defaultValue()
                + "</param-value>";
            assertTrue(webXml.contains(declared), "web.xml declares " + setting.key() + " = " + setting.defaultValue());
        }
    }

    @Test
    void everySettingIsInTheConfigurationTableWithItsPushpinEquivalent() throws IOException
    {
        String table = Files.readString(Path.of("docs/configuration.md"));
        for (Setting setting : Setting.values())
        {
            String shownDefault = setting.defaultValue().isEmpty() ? "(empty)" : "`" + setting.defaultValue() + "`";
            String row = "| `" + setting.key() + "` | " + shownDefault + " | " + setting.pushpinKey() + " |";
            assertTrue(table.contains(row), "docs/configuration.md has the row: " + row);
        }
    }
}
