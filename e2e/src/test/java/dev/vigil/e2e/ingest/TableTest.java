package dev.vigil.e2e.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Plain-text table rendering. */
class TableTest {
    @Test
    void padsAlignsAndRules() {
        String out = new Table("file", "accepted", "note").right(1)
            .row("a.log", 12, "ok")
            .row("longer-name.log", 3, null)
            .render();
        assertThat(out).isEqualTo("""
            file             accepted  note
            ---------------  --------  ----
            a.log                  12  ok
            longer-name.log         3  -
            """);
    }

    @Test
    void capsWideCellsAndFlattensNewlines() {
        String out = new Table("title").cap(0, 10).row("a very long title indeed").row("two\nlines").render();
        assertThat(out.lines()).containsExactly("title", "----------", "a very ...", "two lines");
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> new Table("a", "b").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
