package io.phishfence.web.account;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The client's IP address, the key of per-IP limits. Behind a load balancer, Quarkus takes it from
 * X-Forwarded-For / Forwarded only when {@code quarkus.http.proxy.*} says to trust that proxy.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(RoutingContext context) {
        return of(context.request());
    }

    static String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }
}
