package dev.vigil.detector.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BinaryWriterTest {

    private static final String TEXT = "AS16509 Amazon.com, Inc. — üñí 😀";
    /** All ASCII, beside {@link #TEXT}: the common case of the stored strings. */
    private static final String ASCII = "111122223333|flow|eni-0a1b2c3d4e5f60718|tcp:443\u007f";

    /** The values the store forms hold, written by a writer of {@code capacity} bytes (so it has to grow). */
    private static byte[] written(int capacity) {
        BinaryWriter w = new BinaryWriter(capacity);
        w.writeByte(1);
        w.writeBoolean(true);
        w.writeInt(-42);
        w.writeLong(1_733_500_000_000L);
        w.writeDouble(90_000.5);
        w.writeString(TEXT);
        w.writeString(ASCII);
        w.writeString(null);
        w.writeString("");
        return w.toByteArray();
    }

    @Test
    void itWritesTheBytesDataOutputStreamWrote() throws IOException {
        // the binary forms of earlier versions (BinaryStrings over DataOutputStream) stay readable, unversioned
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(1);
        out.writeBoolean(true);
        out.writeInt(-42);
        out.writeLong(1_733_500_000_000L);
        out.writeDouble(90_000.5);
        byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
        out.writeInt(ASCII.length());
        out.write(ASCII.getBytes(StandardCharsets.US_ASCII));
        out.writeInt(-1);
        out.writeInt(0);
        assertThat(written(1)).isEqualTo(bytes.toByteArray()).isEqualTo(written(4096));
    }

    @Test
    void theReaderReadsBackWhatWasWritten() throws IOException {
        BinaryReader in = new BinaryReader(written(8), 0);
        assertThat(in.readByte()).isEqualTo((byte) 1);
        assertThat(in.readBoolean()).isTrue();
        assertThat(in.readInt()).isEqualTo(-42);
        assertThat(in.readLong()).isEqualTo(1_733_500_000_000L);
        assertThat(in.readDouble()).isEqualTo(90_000.5);
        assertThat(in.readString()).isEqualTo(TEXT);
        assertThat(in.readString()).isEqualTo(ASCII);
        assertThat(in.readString()).isNull();
        assertThat(in.readString()).isEmpty();
        assertThat(in.remaining()).isZero();
        assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
    }

    @Test
    void aLengthBeyondTheBytesOrBelowMinusOneIsAnError() {
        BinaryWriter w = new BinaryWriter(8);
        w.writeInt(50);
        w.writeString("ab");
        assertThatThrownBy(() -> new BinaryReader(w.toByteArray(), 0).readString()).isInstanceOf(IOException.class)
                .hasMessageContaining("string of 50 bytes");
        BinaryWriter negative = new BinaryWriter(8);
        negative.writeInt(-2);
        assertThatThrownBy(() -> new BinaryReader(negative.toByteArray(), 0).readString())
                .isInstanceOf(IOException.class).hasMessageContaining("string of -2 bytes");
        assertThatThrownBy(() -> new BinaryReader(new byte[] {0, 0, 1}, 0).readInt()).isInstanceOf(EOFException.class);
    }
}
