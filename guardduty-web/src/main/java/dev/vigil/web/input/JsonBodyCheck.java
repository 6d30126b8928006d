package dev.vigil.web.input;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Applies {@link RequestInput} to every JSON request body of every operation, whatever reads it afterwards (a DTO,
 * a {@code JsonNode}, a {@code String} parsed by the service): the body is buffered (it is in memory already, within
 * {@code quarkus.http.limits.max-body-size}), checked, and handed on unchanged. A body that is not a JSON object or
 * array (a raw list file of the upload extension, a log batch) or that is read as bytes or a stream is left to its
 * reader.
 */
@Provider
public class JsonBodyCheck implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext ctx) throws IOException {
        Class<?> type = ctx.getType();
        if (type == byte[].class || InputStream.class.isAssignableFrom(type)) {
            return ctx.proceed();
        }
        byte[] body = ctx.getInputStream().readAllBytes();
        if (isJsonDocument(body)) {
            RequestInput.checkJson(body);
        }
        ctx.setInputStream(new ByteArrayInputStream(body));
        return ctx.proceed();
    }

    /** Whether the first non-blank byte opens a JSON object or array. */
    static boolean isJsonDocument(byte[] body) {
        for (byte b : body) {
            if (b == '{' || b == '[') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return false;
            }
        }
        return false;
    }
}
