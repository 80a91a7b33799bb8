# Holdfast's two listeners (etc/holdfast-connectors.xml), with Holdfast's HTTP/1.1 connection
# factory: container code in lib/holdfast-jetty.jar (`mvn package` builds it and assembles
# target/jetty-base with it and the WAR). It sends each chunk of a held stream whole, as Pushpin
# does; Jetty's own factory leaves a chunk's closing CRLF for the next write.

[description]
Holdfast's client and control listeners, with Holdfast's HTTP/1.1 connection factory.

[depend]
server

[lib]
lib/holdfast-jetty.jar

[xml]
etc/holdfast-connectors.xml
