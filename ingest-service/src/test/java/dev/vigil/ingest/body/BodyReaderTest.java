package dev.vigil.ingest.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.web.GuardDutyException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyReaderTest {

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    static InputStream in(byte[] b) {
        return new ByteArrayInputStream(b);
    }

    @Test
    void plainAndGzipBodiesReadTheSame() throws IOException {
        byte[] text = "2 111111111111 eni-1 - - - - - - - 1 2 - NODATA\n".getBytes(StandardCharsets.UTF_8);
        assertThat(BodyReader.read(in(text), null, "text/plain", 1000)).isEqualTo(text);
        assertThat(BodyReader.read(in(gzip(text)), "gzip", null, 1000)).isEqualTo(text);
        assertThat(BodyReader.read(in(gzip(text)), null, "application/x-gzip", 1000)).isEqualTo(text);
        assertThat(BodyReader.read(in(gzip(text)), null, null, 1000)).isEqualTo(text);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(gzip(text));
        both.write(gzip(text));
        byte[] twoMembers = both.toByteArray();
        assertThat(new String(BodyReader.read(in(twoMembers), "gzip", null, 1000), StandardCharsets.UTF_8))
                .isEqualTo(new String(text, StandardCharsets.UTF_8).repeat(2));
        assertThat(BodyReader.read(in(new byte[0]), "gzip", null, 1000)).isEmpty();
    }

    @Test
    void exactlyTheLimitPassesOneByteMoreIs413() {
        byte[] b = new byte[70_000];
        assertThat(BodyReader.read(in(b), null, null, 70_000)).hasSize(70_000);
        assertThatThrownBy(() -> BodyReader.read(in(b), null, null, 69_999))
                .isInstanceOfSatisfying(GuardDutyException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void decompressionBombStopsAtTheLimit() throws IOException {
        byte[] bomb = gzip(new byte[20 * 1024 * 1024]);
        assertThatThrownBy(() -> BodyReader.read(in(bomb), "gzip", null, 1024 * 1024))
                .isInstanceOfSatisfying(GuardDutyException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.type()).isEqualTo("PayloadTooLargeException");
                });
    }

    @Test
    void brokenOrUnsupportedEncodingsAre400() throws IOException {
        byte[] gz = gzip("hello".getBytes(StandardCharsets.UTF_8));
        byte[] truncated = java.util.Arrays.copyOf(gz, gz.length - 6);
        assertThatThrownBy(() -> BodyReader.read(in(truncated), "gzip", null, 1000))
                .isInstanceOfSatisfying(GuardDutyException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> BodyReader.read(in("plain".getBytes(StandardCharsets.UTF_8)), "gzip", null, 1000))
                .isInstanceOfSatisfying(GuardDutyException.class, e -> assertThat(e.getMessage()).contains("not gzip"));
        assertThatThrownBy(() -> BodyReader.read(in(gz), "br", null, 1000))
                .isInstanceOfSatisfying(GuardDutyException.class, e -> assertThat(e.getMessage()).contains("Content-Encoding"));
    }
}
