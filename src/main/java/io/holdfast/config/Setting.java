// SPDX-License-Identifier: Apache-2.0
package io.holdfast.config;

/**
 * Every Holdfast setting: its {@code holdfast.*} key, default and Pushpin equivalent. Each is a
 * web.xml context-param that a system property of the same name overrides. This enum is the one
 * list the settings table in docs/configuration.md, web.xml and {@link Settings} are checked
 * against.
 */
public enum Setting
{
    HTTP_HOST("holdfast.http.host", "127.0.0.1", "http_port (address part)",
        "client listener address (read by the container config: jetty-base, mvn jetty:run)"),
    HTTP_PORT("holdfast.http.port", "7999", "http_port",
        "client listener port (read by the container config)"),
    HTTPS_PORT("holdfast.https.port", "", "https_ports",
        "TLS client listener port, on the client listener's address, speaking HTTP/2 (ALPN h2) and HTTP/1.1; needs a keystore (read by the container config: jetty-base, mvn jetty:run; empty = no TLS listener)"),
    TLS_KEYSTORE("holdfast.tls.keystore", "", "(none: Pushpin reads PEM files from its certs directory)",
        "PKCS12 keystore holding the TLS listener's certificate and private key (read by the container config)"),
    TLS_PASSWORD("holdfast.tls.password", "", "(none)",
        "password of the PKCS12 keystore (read by the container config)"),
    CONTROL_HOST("holdfast.control.host", "127.0.0.1", "push_in_http_addr",
        "control listener address (read by the container config)"),
    CONTROL_PORT("holdfast.control.port", "5561", "push_in_http_port",
        "control listener port: requests arriving on it reach the control API, never the proxy"),
    ROUTES("holdfast.routes", "", "--route",
        "routes given inline, one route per line (used when no routes file is set)"),
    ROUTES_FILE("holdfast.routes.file", "", "routesfile",
        "routes file, reloaded when it changes; with neither this nor inline routes, `* test`"),
    DEBUG("holdfast.debug", "false", "debug",
        "detailed error bodies on every route (as the `debug` route prop does for one)"),
    AUTO_CROSS_ORIGIN("holdfast.auto.cross.origin", "false", "auto_cross_origin",
        "CORS headers and JSONP on every route (as the `aco` route prop does for one)"),
    SIG_ISS("holdfast.sig.iss", "pushpin", "sig_iss",
        "`iss` claim of the Grip-Sig JWT sent to origins"),
    SIG_KEY("holdfast.sig.key", "changeme", "sig_key",
        "HS256 key of Grip-Sig; `base64:` prefix for a binary key"),
    X_FORWARDED_FOR("holdfast.x.forwarded.for", "", "x_forwarded_for",
        "`truncate:N` and/or `append`; empty passes the client's header through"),
    SET_X_FORWARDED_PROTOCOL("holdfast.set.x.forwarded.protocol", "proto-only", "set_x_forwarded_protocol",
        "`true`, `proto-only` or anything else for none; added only for TLS clients"),
    ACCEPT_X_FORWARDED_PROTOCOL("holdfast.accept.x.forwarded.protocol", "false", "accept_x_forwarded_protocol",
        "trust a client's X-Forwarded-Proto: https for route `ssl` matching"),
    ID_CACHE_TTL("holdfast.id.cache.ttl", "60", "id_cache_ttl",
        "seconds an item id is remembered per channel to drop republished items (0 = off)"),
    MESSAGE_WAIT("holdfast.message.wait", "5000", "message_wait",
        "milliseconds an out-of-order item waits for its predecessor"),
    FIRST_SUBSCRIBER_RECHECK("holdfast.first.subscriber.recheck", "1000", "(1 s, fixed)",
        "milliseconds after a channel's first subscriber at which its held requests ask their origin again (0 = never)"),
    HISTORY_SIZE("holdfast.history.size", "100", "(none)",
        "items kept per channel, from which a hold with a `prev-id` is caught up at once (0 = no history)"),
    HISTORY_TTL("holdfast.history.ttl", "300", "(none)",
        "seconds each item is kept in its channel's history"),
    REDIS_URI("holdfast.redis.uri", "", "(none)",
        "Redis (7 or later) or Valkey that instances share, `redis://[:password@]host:port[/db]` or `rediss://` for TLS: every publish reaches every instance through it, and the history lives there (empty = this instance alone)"),
    CONNECTION_SUBSCRIPTION_MAX("holdfast.connection.subscription.max", "20", "connection_subscription_max",
        "channels one connection may subscribe to; extra ones are ignored"),
    SUBSCRIBER_QUEUE_MESSAGES("holdfast.subscriber.queue.messages", "10000", "(100 per stream, fixed)",
        "messages queued for a stream or WebSocket client that is not reading before it is disconnected"),
    SUBSCRIBER_QUEUE_BYTES("holdfast.subscriber.queue.bytes", "1048576", "(none)",
        "bytes queued for a client that is not reading before it is disconnected"),
    WS_MAX_MESSAGE("holdfast.ws.max.message", "1048576", "(none)",
        "largest WebSocket message accepted from a client (bigger ones close it with 1009)"),
    WS_PING_INTERVAL("holdfast.ws.ping.interval", "60", "(none)",
        "seconds a WebSocket client may be silent before it is pinged; one that then stays silent is dropped (0 = never)"),
    SOCKJS_URL("holdfast.sockjs.url", "http://cdn.jsdelivr.net/sockjs/0.3.4/sockjs.min.js", "sockjs_url",
        "the SockJS client script that the iframe page (`iframe.html`) of a `sockjs=` route loads"),
    SOCKJS_HEARTBEAT("holdfast.sockjs.heartbeat", "25", "(25 s, fixed)",
        "seconds between SockJS heartbeat frames (`h`) to a session that receives nothing else (0 = none)"),
    QUEUE_BUDGET("holdfast.queue.budget", "268435456", "(none; message_hwm drops instead)",
        "bytes queued for all slow clients together before the publish API answers 503 (0 = no limit)"),
    MESSAGE_RATE("holdfast.message.rate", "0", "message_rate",
        "deliveries per second; over it the publish API answers 503 and ZeroMQ inputs wait (0 = no limit)"),
    PUBLISH_KEY("holdfast.publish.key", "", "(none: Pushpin's control port is unauthenticated)",
        "key every control API request must present, as `Authorization: Bearer` with an HS256 JWT signed with it and an `exp` to come (what the GRIP libraries send given `key`) or with the key itself; `base64:` prefix for a binary key (empty = no authentication)"),
    PUBLISH_ISS("holdfast.publish.iss", "", "(none)",
        "the `iss` a control API JWT must carry (empty = any)"),
    PUBLISH_MAX_BODY("holdfast.publish.max.body", "1000000", "push_in_max_body_size",
        "largest control API request body"),
    ORIGIN_CONNECT_TIMEOUT("holdfast.origin.connect.timeout", "10000", "(zurl, fixed)",
        "milliseconds to connect to an origin before trying the next target"),
    ORIGIN_RESPONSE_TIMEOUT("holdfast.origin.response.timeout", "60000", "(none: Pushpin waits 120 s or more)",
        "milliseconds to wait for an origin's response head before answering 504 (0 = no limit)"),
    REQUEST_MAX_BODY("holdfast.request.max.body", "104857600", "(none)",
        "largest request body proxied to an origin; a bigger one is answered 413 (0 = no limit)"),
    HTTP_IDLE_TIMEOUT("holdfast.http.idle.timeout", "30000", "(none)",
        "milliseconds a client connection may stall mid-request or mid-write before it is closed (held connections waiting for a publish are exempt; read by the container config)"),
    CLIENT_MAXCONN("holdfast.client.maxconn", "auto", "client_maxconn",
        "client connections open at once; past it new ones wait in the accept queue (auto: the descriptor limit, ulimit -n, less a tenth and at least 256 kept for origin connections and the JVM; 0 = no limit; read by the container config on Jetty, applied to the connector on Tomcat)"),
    ORIGIN_IDLE_TIMEOUT("holdfast.origin.idle.timeout", "0", "(none)",
        "milliseconds an origin may stay silent mid-response (0 = no limit)"),
    ORIGIN_POOL_IDLE_MAX("holdfast.origin.pool.idle.max", "64", "(none)",
        "idle connections kept open per origin for the next request; more are closed, and held requests ask their origin again over at most this many at a time"),
    ZMQ_PULL("holdfast.zmq.pull", "tcp://127.0.0.1:5560", "push_in_spec",
        "ZeroMQ PULL publish input (bind; comma list); empty turns an input or socket off"),
    ZMQ_SUB("holdfast.zmq.sub", "tcp://127.0.0.1:5562", "push_in_sub_specs",
        "ZeroMQ SUB publish input (bind; comma list)"),
    ZMQ_SUB_CONNECT("holdfast.zmq.sub.connect", "false", "push_in_sub_connect",
        "connect the SUB input to the listed publishers instead of binding"),
    ZMQ_COMMAND("holdfast.zmq.command", "tcp://127.0.0.1:*", "command_spec",
        "ZeroMQ REP command socket (bind): recover, conncheck, get-zmq-uris, refresh, publish; a `*` port is one the system picks, logged at start"),
    ZMQ_STATS("holdfast.zmq.stats", "", "stats_spec",
        "ZeroMQ PUB stats socket (bind); Pushpin's default is an ipc socket, which jeromq cannot serve, so off"),
    STATS_REPORT_INTERVAL("holdfast.stats.report.interval", "10", "stats_report_interval",
        "seconds between `report` stats messages (0 = none)"),
    LOG_FLUSH("holdfast.log.flush", "50", "(none)",
        "milliseconds Holdfast's log lines may wait in memory so that many reach standard error in one write (0 = each line at once)"),
    WARMUP("holdfast.warmup", "0", "(none)",
        "seconds at most that Holdfast spends at start, before its client listener accepts anyone, running holds through itself so that its first clients meet compiled code; worth it where a load balancer waits for the instance (Holdfast's Jetty listener only: jetty-base, mvn jetty:run; 0 = none)");

    private final String key;
    private final String defaultValue;
    private final String pushpinKey;
    private final String description;

    Setting(String key, String defaultValue, String pushpinKey, String description)
    {
        this.key = key;
        this.defaultValue = defaultValue;
        this.pushpinKey = pushpinKey;
        this.description = description;
    }

    public String key()
    {
        return key;
    }

    public String defaultValue()
    {
        return defaultValue;
    }

    public String pushpinKey()
    {
        return pushpinKey;
    }

    public String description()
    {
        return description;
    }
}
