package org.ganzhi.ingest;

import org.ganzhi.common.Lake;

import java.time.LocalDate;

/** Ingest one delivery date of every configured source. */
public record IngestOptions(Lake lake, LocalDate deliveryDate) {
}
