// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonPatchTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'a':1}|[{'op':'add','path':'/b','value':2}]|{'a':1,'b':2}",
        "{'a':[1,3]}|[{'op':'add','path':'/a/1','value':2}]|{'a':[1,2,3]}",
        "{'a':[1]}|[{'op':'add','path':'/a/-','value':2}]|{'a':[1,2]}",
        "{'a':1,'b':2}|[{'op':'remove','path':'/a'}]|{'b':2}",
        "{'a':[1,2,3]}|[{'op':'remove','path':'/a/0'}]|{'a':[2,3]}",
        "{'a':1}|[{'op':'replace','path':'/a','value':'x'}]|{'a':'x'}",
        "{'a':{'b':1}}|[{'op':'move','from':'/a/b','path':'/c'}]|{'a':{},'c':1}",
        "{'a':{'b':1}}|[{'op':'copy','from':'/a','path':'/c'}]|{'a':{'b':1},'c':{'b':1}}",
        "{'a':1}|[{'op':'test','path':'/a','value':1},{'op':'add','path':'/t','value':true}]|{'a':1,'t':true}",
        "{'a/b':1,'m~n':2}|[{'op':'replace','path':'/a~1b','value':3},{'op':'remove','path':'/m~0n'}]|{'a/b':3}",
        "{'a':1}|[{'op':'replace','path':'','value':[1]}]|[1]"})
    void operations(String document, String patch, String expected) throws Exception
    {
        assertEquals(json(expected), JsonPatch.apply(json(document), json(patch)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}|{'op':'add'}|body-patch is not a list",
        "{}|[{'path':'/a'}]|body-patch operation does not contain 'op'",
        "{}|[{'op':'add','path':'/a'}]|body-patch operation does not contain 'value'",
        "{}|[{'op':'jump','path':'/a'}]|body-patch has unknown op 'jump'",
        "{}|[{'op':'remove','path':'/a'}]|body-patch path not found: a",
        "{}|[{'op':'add','path':'a','value':1}]|body-patch has a bad path: a",
        "{'a':[]}|[{'op':'add','path':'/a/5','value':1}]|body-patch has a bad array index: 5",
        "{'a':1}|[{'op':'test','path':'/a','value':2}]|body-patch test failed at /a",
        "{'a':1}|[{'op':'add','path':'/a/b','value':2}]|body-patch path does not lead into an object or array"})
    void errors(String document, String patch, String message)
    {
        assertEquals(message, assertThrows(GripFormatException.class, () -> JsonPatch.apply(json(document), json(patch))).getMessage());
    }

    private static JsonNode json(String singleQuoted) throws Exception
    {
        return JSON.readTree(singleQuoted.replace('\'', '"'));
    }
}
