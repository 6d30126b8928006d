package dev.vigil.web.sigv4;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Reads the body of a SigV4-signed request before authentication (a route filter between CORS and authentication),
 * since the signature covers the body's SHA-256. Quarkus REST then reads the same buffered body. Bodies over
 * {@code vigil.sigv4.max-body-bytes} are answered 413 by the body handler. Other requests are untouched.
 */
@ApplicationScoped
public class SigV4BodyReader {

    /** Just before authentication. */
    static final int PRIORITY = SecurityHandlerPriorities.AUTHENTICATION + 50;

    void register(@Observes Filters filters, SigV4Config config) {
        BodyHandler body = BodyHandler.create(false).setHandleFileUploads(false).setBodyLimit(config.maxBodyBytes());
        filters.register(rc -> {
            if (SigV4Request.isSigned(rc.request().getHeader("Authorization"), rc.request().query())) {
                body.handle(rc);
            } else {
                rc.next();
            }
        }, PRIORITY);
        // an empty body leaves no buffer, and Quarkus REST would then wait for the already-read request's data
        filters.register(rc -> {
            if (rc.body().buffer() == null
                    && SigV4Request.isSigned(rc.request().getHeader("Authorization"), rc.request().query())) {
                rc.setBody(Buffer.buffer());
            }
            rc.next();
        }, PRIORITY - 1);
    }
}
