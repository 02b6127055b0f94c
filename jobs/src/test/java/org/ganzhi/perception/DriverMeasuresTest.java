package org.ganzhi.perception;

import org.ganzhi.catalog.DriverGlossary;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The catalog documents driver columns from DriverGlossary: a measure it lacked would go undocumented. */
class DriverMeasuresTest {

    @Test
    void everyMeasureHasItsWordsInTheGlossaryInTheSameOrder() {
        assertEquals(DriverGlossary.NAMES, DriverMeasures.NAMES);
    }
}
