/**
 * slacker-core: the slacker wire protocol, serialization, server and client. The exported
 * packages are the public face: {@code io.slacker} (server, clients, options, annotations,
 * exceptions), {@code io.slacker.spi} (interceptors, serializers, dynamic functions) and
 * {@code io.slacker.data} (Clojure data types). Everything under {@code io.slacker.internal} may
 * change without notice.
 */
module io.slacker.core {
    requires transitive io.netty.transport;
    requires transitive io.netty.handler;
    requires io.netty.common;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.transport.classes.epoll;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires com.esotericsoftware.kryo;
    requires static transit.java;   // optional: transit content types only when the application has transit-java
    requires static msgpack;

    exports io.slacker;
    exports io.slacker.spi;
    exports io.slacker.data;
    // the one proxy implementation, shared with the cluster client
    exports io.slacker.internal.client to io.slacker.cluster;
    // the transport helper (epoll where available, else NIO) for the event loops of our other modules
    exports io.slacker.internal to io.slacker.cluster, io.slacker.gateway;
}
