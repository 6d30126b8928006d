package dev.vigil.web.sigv4;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.web.ErrorMappers;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A refused SigV4 request in AWS's shape: for the JSON services (GuardDuty) body {@code {"message", "__type"}} and
 * header {@code x-amzn-ErrorType}, as for every other error ({@link ErrorMappers}); for STS (Query protocol) the
 * XML {@code <ErrorResponse><Error><Type>Sender</Type><Code/><Message/></Error><RequestId/></ErrorResponse>}.
 * The message never holds a secret, a token or a signature.
 */
public class SigV4ErrorMapper {

    /** STS's XML namespace (API version 2011-06-15). */
    public static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    /** The answer to a refused SigV4 request. */
    @ServerExceptionMapper(priority = 0)
    public Response refused(SigV4Exception e) {
        if (!e.queryProtocol()) {
            String body = JsonNodeFactory.instance.objectNode().put("message", e.getMessage()).put("__type", e.code())
                    .toString();
            return Response.status(e.error().status()).header(ErrorMappers.ERROR_TYPE_HEADER, e.code())
                    .type(MediaType.APPLICATION_JSON).entity(body).build();
        }
        return Response.status(e.error().status()).type(MediaType.TEXT_XML).entity(queryError(e.code(), e.getMessage()))
                .build();
    }

    /** STS's XML error document. */
    public static String queryError(String code, String message) {
        return "<ErrorResponse xmlns=\"" + STS_NAMESPACE + "\"><Error><Type>Sender</Type><Code>" + xml(code)
                + "</Code><Message>" + xml(message) + "</Message></Error><RequestId>" + UUID.randomUUID()
                + "</RequestId></ErrorResponse>";
    }

    /** {@code s} escaped for XML text. */
    public static String xml(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }
}
