package dev.vigil.detector.rules;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NetTest {

    private static final IPAddressStringParameters LIBRARY = new IPAddressStringParameters.Builder()
            .allow_inet_aton(false).allowEmpty(false).allowAll(false).toParams();

    @Test
    void theDottedQuadFastPathReadsEveryAddressAsTheLibraryDoes() {
        Random r = new Random(26);
        for (int i = 0; i < 200_000; i++) {
            int v = r.nextInt();
            String text = (v >>> 24) + "." + (v >>> 16 & 255) + "." + (v >>> 8 & 255) + "." + (v & 255);
            IPAddress fast = Net.parse(text);
            assertThat(fast).as(text).isEqualTo(new IPAddressString(text, LIBRARY).getAddress());
            assertThat(fast.toCanonicalString()).isEqualTo(text);
            assertThat(Net.isPublic(fast)).as(text).isEqualTo(Net.isPublic(new IPAddressString(text, LIBRARY)
                    .getAddress()));
        }
    }

    @Test
    void edgeCasesMatchTheLibrary() {
        for (String text : new String[] {"0.0.0.0", "255.255.255.255", "010.001.000.045", "10.0.0.1", "100.64.0.1",
                "256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4/24", "0001.2.3.4",
                "::ffff:1.2.3.4", "2001:db8::1", "1.2.3.x", " 8.8.8.8 ", "-1.2.3.4", "1.2.3.4 "}) {
            IPAddress expected = new IPAddressString(text.trim(), LIBRARY).getAddress();
            if (expected != null && expected.isIPv6() && expected.toIPv6().isIPv4Mapped()) {
                expected = expected.toIPv6().getEmbeddedIPv4Address();
            }
            assertThat(Net.parse(text)).as(text).isEqualTo(expected);
        }
        assertThat(Net.parse("010.001.000.045").toCanonicalString()).isEqualTo("10.1.0.45");
        assertThat(Net.dottedQuad("1.2.3.4.5")).isEqualTo(-1);
    }
}
