package com.aifinance.enterprise.audit;

import java.io.StringWriter;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvWriterTest {

    @Test
    void cellsASpreadsheetWouldEvaluateAreWrittenAsText() {
        assertThat(CsvWriter.cell("=HYPERLINK(\"http://evil.example\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
        assertThat(CsvWriter.cell("+1+1")).isEqualTo("'+1+1");
        assertThat(CsvWriter.cell("-2")).isEqualTo("'-2");
        assertThat(CsvWriter.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvWriter.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvWriter.cell("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @Test
    void separatorsQuotesAndLineBreaksAreQuotedAsRfc4180Says() throws Exception {
        StringWriter out = new StringWriter();
        new CsvWriter(out).row(Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", null, ""));

        assertThat(out.toString()).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\r\n");
    }
}
