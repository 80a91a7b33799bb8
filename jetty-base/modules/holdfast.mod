# Holdfast's two listeners (etc/holdfast-connectors.xml), with Holdfast's HTTP/1.1 connection
# factory: container code in lib/holdfast-jetty.jar (`mvn package` builds it and assembles
# target/jetty-base with it and the WAR). It sends each chunk of a held stream whole, as Pushpin
# does; Jetty's own factory leaves a chunk's closing CRLF for the next write.

[description]
Holdfast's client and control listeners, with Holdfast's HTTP/1.1 connection factory, HTTP/2
(cleartext on the client listener, and over TLS on the optional TLS listener) and ALPN.

[depend]
server

# HTTP/2 and ALPN are jetty-home's own jars, listed here rather than by depending on its http2,
# http2c and ssl modules: those add Jetty's own connectors (on 8080 and 8443) beside Holdfast's.
[lib]
lib/holdfast-jetty.jar
lib/http2/jetty-http2-common-${jetty.version}.jar
lib/http2/jetty-http2-hpack-${jetty.version}.jar
lib/http2/jetty-http2-server-${jetty.version}.jar
lib/jetty-alpn-server-${jetty.version}.jar
lib/jetty-alpn-java-server-${jetty.version}.jar

[xml]
etc/holdfast-connectors.xml
