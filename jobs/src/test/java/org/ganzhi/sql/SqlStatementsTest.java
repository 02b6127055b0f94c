package org.ganzhi.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlStatementsTest {
    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        assertEquals(List.of("SELECT 1", "SHOW TABLES IN gold"), SqlCommand.statements("SELECT 1;\n SHOW TABLES IN gold;"));
        assertEquals(List.of("SELECT 'a;b', \"c;d\", `e;f` FROM t"), SqlCommand.statements("SELECT 'a;b', \"c;d\", `e;f` FROM t"));
        assertEquals(List.of("SELECT 'it\\'s; fine'", "SELECT 2"), SqlCommand.statements("SELECT 'it\\'s; fine'; SELECT 2"));
        assertEquals(List.of("SELECT 1", "SELECT 2"), SqlCommand.statements("SELECT 1 -- one; not two\n; SELECT 2"));
    }

    @Test
    void aLoneStatementIsKeptWhole() {
        assertEquals(List.of("SELECT count(*) FROM ops.run_log"), SqlCommand.statements("  SELECT count(*) FROM ops.run_log  "));
        assertEquals(List.of(), SqlCommand.statements(" ; ;\n-- nothing\n"));
    }
}
