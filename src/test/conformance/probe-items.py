#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Records how the real Pushpin answers POST /publish for a corpus of publish bodies.

usage: probe-items.py PUBLISH_URL OUT.jsonl
e.g.   probe-items.py http://127.0.0.1:5561/publish/ \
           src/test/resources/fixtures/items/pushpin-publish-corpus.jsonl
against Pushpin 1.36 with a routes file of `* test` (the answers do not depend on routes).

Writes one JSON object per line: name, body (or bodyBase64 when the body is not UTF-8),
status and response (the exact response body). The unit tests replay the file against
PublishRequestParser; regenerate it whenever the corpus below changes.
"""
import base64
import json
import sys
import urllib.error
import urllib.request

CASES = []


def raw(name, body):
    CASES.append((name, body.encode("utf-8") if isinstance(body, str) else body))


def item(name, item_json):
    raw(name, '{"items":[' + item_json + ']}')


def fmt(name, key, format_json, extra=""):
    item(name, '{"channel":"c"' + extra + ',"formats":{"' + key + '":' + format_json + '}}')


OK_STREAM = '"formats":{"http-stream":{"content":"x"}}'

# --- envelope -------------------------------------------------------------------------------
raw("envelope/empty-body", "")
raw("envelope/whitespace-only", "  \n")
raw("envelope/not-json", "x")
raw("envelope/array", "[1]")
raw("envelope/empty-array", "[]")
raw("envelope/number", "1")
raw("envelope/string", '"s"')
raw("envelope/null", "null")
raw("envelope/true", "true")
raw("envelope/empty-object", "{}")
raw("envelope/items-number", '{"items":1}')
raw("envelope/items-object", '{"items":{}}')
raw("envelope/items-null", '{"items":null}')
raw("envelope/items-string", '{"items":"x"}')
raw("envelope/items-empty", '{"items":[]}')
raw("envelope/items-empty-extra-key", '{"items":[],"x":1}')
raw("envelope/other-key-only", '{"item":[]}')
raw("envelope/items-uppercase", '{"ITEMS":[]}')
raw("envelope/trailing-comma-object", '{"items":[],}')
raw("envelope/trailing-comma-array", '{"items":[{"channel":"c",' + OK_STREAM + '},]}')
raw("envelope/trailing-garbage", '{"items":[]} x')
raw("envelope/trailing-object", '{"items":[]}{}')
raw("envelope/trailing-whitespace", '{"items":[]} \r\n\t ')
raw("envelope/leading-whitespace", ' \n{"items":[]}')
raw("envelope/block-comment", '/*c*/{"items":[]}')
raw("envelope/line-comment", '// c\n{"items":[]}')
raw("envelope/nan", '{"items":[],"x":NaN}')
raw("envelope/infinity", '{"items":[],"x":Infinity}')
raw("envelope/big-number", '{"items":[],"x":1e400}')
raw("envelope/leading-zero", '{"items":[],"x":01}')
raw("envelope/plus-number", '{"items":[],"x":+1}')
raw("envelope/leading-dot", '{"items":[],"x":.5}')
raw("envelope/bom", '\ufeff{"items":[]}')
raw("envelope/duplicate-items-last-good", '{"items":1,"items":[]}')
raw("envelope/duplicate-items-last-bad", '{"items":[],"items":1}')
raw("envelope/single-quotes", "{'items':[]}")
raw("envelope/unquoted-key", '{items:[]}')
raw("envelope/uppercase-true", '{"items":[],"x":TRUE}')
raw("envelope/raw-tab-in-string", '{"items":[],"x":"a\tb"}')
raw("envelope/raw-newline-in-string", '{"items":[],"x":"a\nb"}')
raw("envelope/bad-escape", '{"items":[],"x":"\\q"}')
raw("envelope/escaped-slash", '{"items":[],"x":"\\/"}')
raw("envelope/lone-surrogate-escape", '{"items":[],"x":"\\ud800"}')
raw("envelope/invalid-utf8", b'{"items":[],"x":"\xff"}')
raw("envelope/overlong-utf8", b'{"items":[],"x":"\xc0\xaf"}')
raw("envelope/nul-byte-after", b'{"items":[]}\x00')
raw("envelope/deep-nesting-1000", '{"items":[],"x":' + "[" * 1000 + "]" * 1000 + "}")
raw("envelope/deep-nesting-2000", '{"items":[],"x":' + "[" * 2000 + "]" * 2000 + "}")
raw("envelope/unterminated", '{"items":[]')
raw("envelope/nesting-1024", '{"items":[],"x":' + "[" * 1023 + "]" * 1023 + "}")
raw("envelope/nesting-1025", '{"items":[],"x":' + "[" * 1024 + "]" * 1024 + "}")
for name, v in [("trailing-dot", "1."), ("negative-leading-dot", "-.5"), ("trailing-dot-exp", "1.e5"),
                ("bare-exp", "1e"), ("bare-minus", "-"), ("negative-zero", "-0"),
                ("exp-plus", "1E+2"), ("underflow", "1e-400"), ("negative-overflow", "-1e400"),
                ("max-double", "1.7976931348623157e308"), ("above-max-double", "1.7976931348623159e308"),
                ("min-denormal", "4.9e-324"), ("below-min-denormal", "2e-324"),
                ("zero-underflow-exp", "0e-400"), ("long-integer", "123456789012345678901234567890"),
                ("integer-300-digits", "1" + "0" * 300), ("integer-400-digits", "1" + "0" * 400),
                ("fraction-1500-digits", "1." + "0" * 1500),
                ("hex", "0x10"), ("bare-dot", "."), ("negative-bare-dot", "-."),
                ("dot-exp", ".e5"), ("negative-exp-only", "-e5"), ("dot-in-array", "[.]"), ("negative-leading-zero", "-01"), ("double-zero", "00"),
                ("double-dot", "1.5.5"), ("fraction-exp", "1e5.5"), ("double-exp", "1ee5"),
                ("exp-sign-only", "1e+"), ("truncated-true", "tru"), ("truncated-null", "nul"),
                ("true-suffix", "truex"), ("short-unicode-escape", '"\\u00"'),
                ("x-escape", '"\\x41"'), ("upper-u-escape", '"\\U0041"'), ("quote-escape", '"\\\'"'),
                ("nul-escape", '"\\u0000"'), ("raw-control-char", '"a\x01b"')]:
    raw("envelope/value-" + name, '{"items":[],"x":' + v + "}")
raw("envelope/empty-key", '{"items":[],"":1}')
raw("envelope/long-key", '{"items":[],"' + "k" * 60000 + '":1}')
raw("envelope/missing-colon", '{"items" []}')
raw("envelope/missing-comma", '{"items":[] "x":1}')
raw("envelope/double-comma", '{"items":[],,"x":1}')
raw("envelope/leading-comma", '{,"items":[]}')
raw("envelope/array-leading-comma", '{"items":[],"x":[,1]}')
raw("envelope/array-trailing-comma", '{"items":[],"x":[1,]}')
raw("envelope/bom-then-whitespace", '\ufeff \n{"items":[]}')
raw("envelope/whitespace-then-bom", ' \ufeff{"items":[]}')
raw("envelope/double-bom", '\ufeff\ufeff{"items":[]}')
raw("envelope/nbsp-before", '\u00a0{"items":[]}')
raw("envelope/form-feed-after", '{"items":[]}\f')
raw("envelope/vertical-tab-after", '{"items":[]}\v')
raw("envelope/utf8-encoded-surrogate", b'{"items":[],"x":"\xed\xa0\x80"}')
raw("envelope/utf8-above-max", b'{"items":[],"x":"\xf4\x90\x80\x80"}')
raw("envelope/invalid-utf8-key", b'{"items":[],"\xff":1}')
raw("envelope/utf8-truncated", b'{"items":[],"x":"\xe2\x82"}')
raw("envelope/valid-utf8", '{"items":[],"x":"\u20ac\U0001F600"}')
raw("envelope/one-bad-item-rejects-batch",
    '{"items":[{"channel":"c",' + OK_STREAM + '},{"channel":"c"}]}')
raw("envelope/two-good-items",
    '{"items":[{"channel":"c",' + OK_STREAM + '},{"channel":"d",' + OK_STREAM + '}]}')
raw("envelope/first-bad-item-wins", '{"items":[{"channel":1},{"channel":"c"}]}')

# --- item ------------------------------------------------------------------------------------
item("item/number", "1")
item("item/string", '"x"')
item("item/null", "null")
item("item/array", "[]")
item("item/empty-object", "{}")
item("item/no-channel", "{" + OK_STREAM + "}")
for name, v in [("number", "1"), ("float", "1.5"), ("true", "true"), ("null", "null"),
                ("array", "[]"), ("object", "{}")]:
    item("channel/" + name, '{"channel":' + v + "," + OK_STREAM + "}")
item("channel/empty", '{"channel":"",' + OK_STREAM + "}")
item("channel/unicode", '{"channel":"k\\u00e4\\ud83d\\ude00",' + OK_STREAM + "}")
item("channel/only", '{"channel":"c"}')
for field in ["id", "prev-id"]:
    for name, v in [("number", "1"), ("true", "true"), ("null", "null"), ("array", "[]"),
                    ("object", "{}"), ("empty", '""'), ("string", '"x"')]:
        item(field + "/" + name, '{"channel":"c","' + field + '":' + v + "," + OK_STREAM + "}")
item("id/checked-before-formats", '{"channel":"c","id":1}')
for name, v in [("array", "[]"), ("string", '"x"'), ("number", "1"), ("null", "null"),
                ("true", "true"), ("empty", "{}")]:
    item("formats/" + name, '{"channel":"c","formats":' + v + "}")
item("formats/unknown-key-only", '{"channel":"c","formats":{"foo":{}}}')
item("formats/unknown-and-known", '{"channel":"c","formats":{"foo":1,"http-stream":{"content":"x"}}}')
item("formats/empty-with-flat-keys", '{"channel":"c","http-stream":{"content":"x"},"formats":{}}')
item("formats/wins-over-flat", '{"channel":"c","http-stream":1,"formats":{"ws-message":{"content":"x"}}}')
item("flat/http-stream", '{"channel":"c","http-stream":{"content":"x"}}')
item("flat/http-response", '{"channel":"c","http-response":{"body":"x"}}')
item("flat/ws-message", '{"channel":"c","ws-message":{"content":"x"}}')
item("flat/bad-format", '{"channel":"c","http-stream":{}}')
item("flat/null-format", '{"channel":"c","http-stream":null}')
item("flat/unknown-key-only", '{"channel":"c","foo":{}}')
for key in ["http-response", "http-stream", "ws-message"]:
    for name, v in [("string", '"x"'), ("number", "1"), ("null", "null"), ("array", "[]"),
                    ("true", "true")]:
        fmt(key + "/not-object-" + name, key, v)
item("formats/order-response-first",
     '{"channel":"c","formats":{"ws-message":1,"http-stream":1,"http-response":1}}')
item("formats/order-stream-before-ws", '{"channel":"c","formats":{"ws-message":1,"http-stream":1}}')
for name, v in [("array", "[]"), ("string", '"x"'), ("number", "1"), ("null", "null"),
                ("value-number", '{"a":1}'), ("value-null", '{"a":null}'),
                ("value-object", '{"a":{}}'), ("value-array", '{"a":[]}'),
                ("value-bool", '{"a":true}'),
                ("first-bad-sorted", '{"b":1,"a":2}'), ("ok", '{"a":"x","b":""}'),
                ("empty", "{}")]:
    item("meta/" + name, '{"channel":"c","meta":' + v + "," + OK_STREAM + "}")
item("meta/checked-after-formats", '{"channel":"c","meta":1,"formats":{"http-stream":{}}}')
for name, v in [("negative", "-1"), ("string-abc", '"abc"'), ("string-number", '"5"'),
                ("string-negative", '"-5"'), ("float", "1.5"), ("true", "true"),
                ("null", "null"), ("array", "[]"), ("object", "{}"), ("zero", "0"), ("ok", "5"),
                ("huge", "1e10"), ("int-overflow", "2147483648"), ("negative-float", "-0.5"),
                ("negative-float-rounds-down", "-0.6"), ("int-max", "2147483647"), ("string-padded", '" 5 "')]:
    item("size/" + name, '{"channel":"c","size":' + v + "," + OK_STREAM + "}")
item("size/checked-after-meta", '{"channel":"c","size":-1,"meta":1,' + OK_STREAM + "}")
for name, v in [("string", '"true"'), ("number", "1"), ("null", "null"), ("true", "true"),
                ("false", "false"), ("array", "[]")]:
    item("no-seq/" + name, '{"channel":"c","no-seq":' + v + "," + OK_STREAM + "}")
item("no-seq/checked-after-size", '{"channel":"c","no-seq":1,"size":-1,' + OK_STREAM + "}")

# --- action (all formats) --------------------------------------------------------------------
for key in ["http-response", "http-stream", "ws-message"]:
    for name, v in [("number", "1"), ("null", "null"), ("array", "[]"), ("empty", '""'),
                    ("uppercase", '"SEND"'), ("unknown", '"foo"'), ("refresh", '"refresh"'),
                    ("hint", '"hint"'), ("close", '"close"'), ("send-no-content", '"send"')]:
        fmt(key + "/action-" + name, key, '{"action":' + v + "}")

# --- http-stream -----------------------------------------------------------------------------
S = "http-stream"
fmt(S + "/missing-content", S, "{}")
for name, v in [("number", "1"), ("null", "null"), ("array", "[]"), ("object", "{}"),
                ("true", "true"), ("empty", '""'), ("ok", '"x"')]:
    fmt(S + "/content-" + name, S, '{"content":' + v + "}")
for name, v in [("number", "1"), ("null", "null"), ("array", "[]"), ("bad-base64", '"!!!"'),
                ("ok", '"aGk="'), ("no-padding", '"aGk"'), ("newline", '"aGk=\\n"'),
                ("urlsafe", '"-_8="'), ("empty", '""'), ("trailing-junk", '"aGk=!!"')]:
    fmt(S + "/content-bin-" + name, S, '{"content-bin":' + v + "}")
fmt(S + "/content-and-bad-content-bin", S, '{"content":"x","content-bin":1}')
fmt(S + "/bad-content-and-content-bin", S, '{"content":1,"content-bin":"aGk="}')
for name, v in [("string", '"x"'), ("element-number", "[1]"), ("element-null", "[null]"),
                ("null", "null"), ("object", "{}"), ("empty", "[]"), ("ok", '["a","b"]')]:
    fmt(S + "/content-filters-" + name, S, '{"content-filters":' + v + ',"content":"x"}')
fmt(S + "/content-filters-before-content", S, '{"content-filters":1}')
fmt(S + "/close-ignores-fields", S, '{"action":"close","content":1,"content-filters":1}')
fmt(S + "/hint-ignores-fields", S, '{"action":"hint","content":1,"content-filters":1}')

# --- http-response ---------------------------------------------------------------------------
R = "http-response"
fmt(R + "/missing-body", R, "{}")
for name, v in [("string-abc", '"abc"'), ("string-number", '"201"'), ("string-space", '" 201"'),
                ("string-float", '"201.5"'), ("string-empty", '""'), ("too-big", "1000"),
                ("negative", "-1"), ("zero", "0"), ("max", "999"), ("float", "200.5"),
                ("float-exp", "2.01e2"), ("true", "true"), ("false", "false"), ("null", "null"),
                ("array", "[]"), ("object", "{}"), ("huge", "1e10"), ("string-huge", '"9999999999"'),
                ("string-negative", '"-5"'), ("string-hex", '"0x10"'),
                ("negative-fraction-rounds-to-zero", "-0.4"), ("negative-fraction-rounds-down", "-0.6"),
                ("wraps-to-200", "4294967496"), ("string-exp", '"2e2"'), ("string-plus", '"+201"'),
                ("string-tab", '"\\t201"'), ("string-leading-zeros", '"00201"')]:
    fmt(R + "/code-" + name, R, '{"code":' + v + ',"body":"x"}')
fmt(R + "/code-checked-before-body", R, '{"code":1000}')
for name, v in [("number", "1"), ("null", "null"), ("array", "[]"), ("empty", '""'),
                ("ok", '"Fine"')]:
    fmt(R + "/reason-" + name, R, '{"reason":' + v + ',"body":"x"}')
for name, v in [("string", '"x"'), ("number", "1"), ("null", "null"), ("true", "true"),
                ("empty-object", "{}"), ("empty-list", "[]"),
                ("object-number", '{"A":1}'), ("object-null", '{"A":null}'),
                ("object-list", '{"A":["x"]}'), ("object-first-bad-sorted", '{"B":1,"A":2}'),
                ("object-ok", '{"A":"x"}'),
                ("list-ok", '[["A","x"],["A","y"]]'), ("list-one", '[["A"]]'),
                ("list-three", '[["A","x","y"]]'), ("list-empty-pair", "[[]]"),
                ("list-string", '["A"]'), ("list-object", '[{"A":"x"}]'),
                ("list-null", "[null]"),
                ("list-name-number", '[[1,"x"]]'), ("list-value-number", '[["A",1]]'),
                ("list-name-null", '[[null,"x"]]'), ("list-value-null", '[["A",null]]'),
                ("list-both-bad", "[[1,2]]"), ("list-empty-name", '[["","x"]]'),
                ("object-empty-name", '{"":"x"}'), ("list-second-bad", '[["A","x"],["B"]]')]:
    fmt(R + "/headers-" + name, R, '{"headers":' + v + ',"body":"x"}')
fmt(R + "/headers-before-content-filters", R, '{"headers":1,"content-filters":1}')
for name, v in [("string", '"x"'), ("element-number", "[1]"), ("null", "null"),
                ("empty", "[]"), ("ok", '["a"]')]:
    fmt(R + "/content-filters-" + name, R, '{"content-filters":' + v + ',"body":"x"}')
fmt(R + "/content-filters-before-body", R, '{"content-filters":1}')
for name, v in [("number", "1"), ("null", "null"), ("array", "[]"), ("object", "{}"),
                ("true", "true"), ("empty", '""'), ("ok", '"x"')]:
    fmt(R + "/body-" + name, R, '{"body":' + v + "}")
for name, v in [("number", "1"), ("null", "null"), ("array", "[]"), ("bad-base64", '"!!!"'),
                ("ok", '"aGk="'), ("empty", '""')]:
    fmt(R + "/body-bin-" + name, R, '{"body-bin":' + v + "}")
fmt(R + "/body-bin-wins-over-bad-body", R, '{"body-bin":"aGk=","body":1}')
fmt(R + "/bad-body-bin-with-body", R, '{"body-bin":1,"body":"x"}')
fmt(R + "/body-wins-over-bad-patch", R, '{"body":"x","body-patch":1}')
for name, v in [("string", '"x"'), ("number", "1"), ("null", "null"), ("object", "{}"),
                ("empty", "[]"), ("ok", '[{"op":"replace","path":"/a","value":1}]'),
                ("junk-elements", "[1,\"x\"]")]:
    fmt(R + "/body-patch-" + name, R, '{"body-patch":' + v + "}")
fmt(R + "/close-ignores-fields", R, '{"action":"close","code":"x","headers":1}')
fmt(R + "/hint-ignores-fields", R, '{"action":"hint","code":-5,"body":1}')

# --- ws-message ------------------------------------------------------------------------------
W = "ws-message"
fmt(W + "/missing-content", W, "{}")
for name, v in [("number", "1"), ("null", "null"), ("empty", '""'), ("uppercase", '"TEXT"'),
                ("unknown", '"close"')]:
    fmt(W + "/type-" + name, W, '{"type":' + v + ',"content":"x"}')
for t in ["text", "binary", "ping", "pong"]:
    fmt(W + "/type-" + t + "-no-content", W, '{"type":"' + t + '"}')
    fmt(W + "/type-" + t + "-content", W, '{"type":"' + t + '","content":"x"}')
fmt(W + "/type-checked-before-content-filters", W, '{"type":"foo","content-filters":1}')
for name, v in [("number", "1"), ("null", "null"), ("array", "[]"), ("object", "{}"),
                ("empty", '""'), ("ok", '"x"')]:
    fmt(W + "/content-" + name, W, '{"content":' + v + "}")
for name, v in [("number", "1"), ("null", "null"), ("array", "[]"), ("bad-base64", '"!!!"'),
                ("ok", '"aGk="'), ("empty", '""')]:
    fmt(W + "/content-bin-" + name, W, '{"content-bin":' + v + "}")
fmt(W + "/content-bin-wins-over-bad-content", W, '{"content-bin":"aGk=","content":1}')
for name, v in [("string", '"x"'), ("element-number", "[1]"), ("null", "null"),
                ("empty", "[]"), ("ok", '["a"]')]:
    fmt(W + "/content-filters-" + name, W, '{"content-filters":' + v + ',"content":"x"}')
fmt(W + "/content-filters-before-content", W, '{"content-filters":1}')
fmt(W + "/close-bare", W, '{"action":"close"}')
for name, v in [("negative", "-1"), ("string-abc", '"abc"'), ("string-number", '"4001"'),
                ("float", "4001.5"), ("null", "null"), ("true", "true"), ("array", "[]"),
                ("big", "70000"), ("zero", "0"), ("ok", "4001"), ("int-overflow", "2147483648")]:
    fmt(W + "/close-code-" + name, W, '{"action":"close","code":' + v + "}")
for name, v in [("number", "1"), ("null", "null"), ("empty", '""'), ("ok", '"bye"')]:
    fmt(W + "/close-reason-" + name, W, '{"action":"close","reason":' + v + "}")
fmt(W + "/close-code-before-reason", W, '{"action":"close","code":-1,"reason":1}')
fmt(W + "/close-ignores-content", W, '{"action":"close","content":1,"type":"foo"}')
fmt(W + "/hint-ignores-fields", W, '{"action":"hint","content":1,"code":-1}')
fmt(W + "/send-ignores-code", W, '{"content":"x","code":"abc","reason":1}')

# --- duplicate keys inside items ---------------------------------------------------------------
item("duplicate/channel-last-good", '{"channel":1,"channel":"c",' + OK_STREAM + "}")
item("duplicate/channel-last-bad", '{"channel":"c","channel":1,' + OK_STREAM + "}")


def probe(url, body):
    req = urllib.request.Request(url, data=body, method="POST")
    try:
        with urllib.request.urlopen(req) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def main():
    url, out = sys.argv[1], sys.argv[2]
    names = [n for n, _ in CASES]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        sys.exit("duplicate case names: %s" % sorted(dupes))
    with open(out, "w", encoding="utf-8") as f:
        for name, body in CASES:
            status, response = probe(url, body)
            rec = {"name": name}
            try:
                rec["body"] = body.decode("utf-8")
            except UnicodeDecodeError:
                rec["bodyBase64"] = base64.b64encode(body).decode("ascii")
            rec["status"] = status
            rec["response"] = response.decode("utf-8")
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print("%d cases" % len(CASES))


if __name__ == "__main__":
    main()
