package dev.vigil.accounts.query;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The form-encoded body of an AWS Query-protocol request ({@code Action=...&Version=...&...}). */
public final class QueryForms {

    private QueryForms() {
    }

    /** The form's parameters (the first value of each). */
    public static Map<String, String> params(String body) {
        Map<String, String> out = new HashMap<>();
        new QueryStringDecoder(body == null ? "" : body, StandardCharsets.UTF_8, false).parameters()
                .forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.get(0)));
        return out;
    }
}
