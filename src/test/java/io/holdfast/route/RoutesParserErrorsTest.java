// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every error {@link RoutesParser} reports, each placed on line 3 of a file so the location is
 * checked too. Reasons match what Pushpin 1.36 logs for the same line unless noted.
 */
class RoutesParserErrorsTest
{
    private static RoutesException failure(String badLine)
    {
        String text = "# routes\nok.test 127.0.0.1:80\n" + badLine + "\nlater.test,proto=bad test\n";
        return assertThrows(RoutesException.class, () -> RoutesParser.parse(text, "/etc/pushpin/routes"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // fewer than two sections
        "errnotarget                          | must specify condition and at least one target",
        "*                                    | must specify condition and at least one target",
        "`a.test\t127.0.0.1:80`               | must specify condition and at least one target",
        "a.test#c 127.0.0.1:80                | must specify condition and at least one target",
        "`*   # only a comment after`         | must specify condition and at least one target",
        // condition props
        "a.test,proto=foo test                | proto must be set to 'http' or 'ws'",
        "a.test,proto test                    | proto must be set to 'http' or 'ws'",
        "a.test,proto=HTTP test               | proto must be set to 'http' or 'ws'",
        "a.test,ssl=maybe test                | ssl must be set to 'yes' or 'no'",
        "a.test,ssl test                      | ssl must be set to 'yes' or 'no'",
        "a.test,path_beg= test                | path_beg cannot be empty",
        "a.test,path_beg test                 | path_beg cannot be empty",
        "a.test,jsonp_mode=x test             | jsonp_mode must be set to 'basic' or 'extended'",
        "a.test,jsonp_mode test               | jsonp_mode must be set to 'basic' or 'extended'",
        "a.test,header=novalue test           | header must use format 'name:value'",
        "a.test,header=:v test                | header must use format 'name:value'",
        "a.test,header test                   | header must use format 'name:value'",
        "a.test,header=X-A:1,header=bad test  | header must use format 'name:value'",
        // targets
        "a.test 127.0.0.1                     | target bad format",
        "a.test test 127.0.0.1                | target bad format",
        "a.test 127.0.0.1:80 ,ssl             | target bad format",
        "a.test 127.0.0.1:0                   | target invalid port",
        "a.test 127.0.0.1:65536               | target invalid port",
        "a.test 127.0.0.1:-1                  | target invalid port",
        "a.test 127.0.0.1:abc                 | target invalid port",
        "a.test 127.0.0.1:0x50                | target invalid port",
        "a.test 127.0.0.1:99999999999         | target invalid port",
        "a.test 127.0.0.1: 80                 | target invalid port",
        "a.test [::1]:80                      | target invalid port",
        // tokenizer
        "a.test,a,,b 127.0.0.1:80             | expecting prop",
        "a.test,a, 127.0.0.1:80               | expecting prop",
        "a.test, 127.0.0.1:80                 | expecting prop",
        "a.test,#x 127.0.0.1:80               | expecting prop",
        "a.test 127.0.0.1:80,                 | expecting prop",
        "a.test a=b                           | expecting prop",
        "a.test,=x 127.0.0.1:80               | empty prop name",
        "a.test 127.0.0.1:80,=1               | empty prop name",
        // Pushpin 1.36 logs an empty reason for these three; the wording is newer Pushpin's
        "a.test,a=\"abc 127.0.0.1:80          | unterminated quoted section",
        "a.test,a=\"a\\nb\" 127.0.0.1:80      | unexpected escape character: n",
        "a.test,a=\"ab\\                      | unterminated escape sequence",
        // stricter than Pushpin, which loads these lines without a word
        "a.test,path_rem=abc test             | path_rem must be a non-negative integer",
        "a.test,path_rem=-2 test              | path_rem must be a non-negative integer",
        "a.test,path_rem test                 | path_rem must be a non-negative integer",
        "a.test,sig_key=file:key.pem test     | sig_key file: keys are not supported",
        ",id=nodomain test                    | condition has no domain",
        "a=b 127.0.0.1:80                     | condition has no domain",
        "\"\" test                            | condition has no domain"})
    void badLineReportsReasonAndLocation(String badLine, String reason)
    {
        RoutesException e = failure(badLine);
        assertEquals("/etc/pushpin/routes:3: " + reason, e.getMessage());
        assertEquals("/etc/pushpin/routes", e.source());
        assertEquals(3, e.line());
        assertEquals(reason, e.reason());
    }

    @Test
    void faultsAreReportedInPushpinsCheckOrder()
    {
        assertEquals("proto must be set to 'http' or 'ws'", failure("a.test,ssl=x,proto=x 127.0.0.1").reason());
        assertEquals("ssl must be set to 'yes' or 'no'", failure("a.test,path_beg=,ssl=x 127.0.0.1").reason());
        assertEquals("path_beg cannot be empty", failure("a.test,jsonp_mode=x,path_beg= 127.0.0.1").reason());
        assertEquals("jsonp_mode must be set to 'basic' or 'extended'", failure("a.test,header=x,jsonp_mode=x test").reason());
        assertEquals("header must use format 'name:value'", failure("a.test,header=x 127.0.0.1").reason());
        assertEquals("target bad format", failure("a.test 127.0.0.1 h:0").reason());
        assertEquals("target invalid port", failure("a.test h:0 127.0.0.1").reason());
        assertEquals("target bad format", failure(",id=x 127.0.0.1").reason());
    }

    @Test
    void tokenizerErrorsComeBeforeEverythingElse()
    {
        assertEquals("expecting prop", failure("a.test,proto=x,, 127.0.0.1").reason());
    }

    @Test
    void parseLineUsesTheGivenLocation()
    {
        RoutesException e = assertThrows(RoutesException.class, () -> RoutesParser.parseLine("x", "<route>", 1));
        assertEquals("<route>:1: must specify condition and at least one target", e.getMessage());
    }
}
