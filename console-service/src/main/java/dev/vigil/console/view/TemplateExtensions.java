package dev.vigil.console.view;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Helpers the templates call on values ({@code {type.urlEncode}}). */
@TemplateExtension
public final class TemplateExtensions {

    private TemplateExtensions() {
    }

    /** {@code value} encoded for a query parameter (UTF-8, form encoding). */
    static String urlEncode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
