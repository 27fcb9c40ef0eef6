package org.vmstation.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizeParserTest {
    @Test
    void parsesUnitsAsBinaryMultiples() {
        assertThat(SizeParser.parse("1024")).isEqualTo(1024);
        assertThat(SizeParser.parse("512M")).isEqualTo(512L << 20);
        assertThat(SizeParser.parse("8G")).isEqualTo(8L << 30);
        assertThat(SizeParser.parse("8g")).isEqualTo(8L << 30);
        assertThat(SizeParser.parse(" 1T ")).isEqualTo(1L << 40);
        assertThat(SizeParser.parse("4K")).isEqualTo(4096);
        assertThat(SizeParser.parse("20GiB")).isEqualTo(20L << 30);
        assertThat(SizeParser.parse("20GB")).isEqualTo(20L << 30);
        assertThat(SizeParser.parse("1.5G")).isEqualTo(3L << 29);
        assertThat(SizeParser.parse("0")).isZero();
    }

    @Test
    void refusesBadInputWithTheTextAndWhatIsExpected() {
        assertThatThrownBy(() -> SizeParser.parse("8X")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'8X'").hasMessageContaining("K, M, G, T");
        assertThatThrownBy(() -> SizeParser.parse("")).hasMessageContaining("''");
        assertThatThrownBy(() -> SizeParser.parse("-1G")).hasMessageContaining("'-1G'");
        assertThatThrownBy(() -> SizeParser.parse("G")).hasMessageContaining("'G'");
        assertThatThrownBy(() -> SizeParser.parse("1.5")).hasMessageContaining("decimals");
        assertThatThrownBy(() -> SizeParser.parse(null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> SizeParser.parse("99999999999T")).hasMessageContaining("too large");
        assertThatThrownBy(() -> SizeParser.parsePositive("0")).hasMessageContaining("above zero");
    }

    @Test
    void formatsTheShortestExactForm() {
        assertThat(SizeParser.format(8L << 30)).isEqualTo("8G");
        assertThat(SizeParser.format(1536L << 20)).isEqualTo("1536M");
        assertThat(SizeParser.format(1000)).isEqualTo("1000");
        assertThat(SizeParser.format(0)).isEqualTo("0");
        assertThat(SizeParser.parse(SizeParser.format(3L << 40))).isEqualTo(3L << 40);
    }
}
