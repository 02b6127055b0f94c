package org.ganzhi.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.ganzhi.config.ColumnSpec;
import org.ganzhi.config.ColumnType;
import org.ganzhi.config.IngestSettings;
import org.ganzhi.config.OperatorSettings;
import org.ganzhi.config.SourceContract;
import org.ganzhi.privacy.PseudonymFunctions;
import org.ganzhi.privacy.Pseudonymizer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

/**
 * Applies a source's data contract to untyped landing rows (from {@link LandingReader}): each
 * column is trimmed and typed (timestamps to UTC instants, codes to their canonical spelling,
 * phone numbers to pseudonyms), and each row gets the first failed check as its reject reason.
 * <p>
 * Checks run in the order of {@link RejectReason} and, within a reason, in column order, so a
 * row with several defects is reported by the most basic one. Output: the contract columns
 * typed, their negative flags, {@value #EVENT_DATE} (operator-local date of the event time; null for snapshots),
 * {@value #REASON} and {@value #DETAIL} (null for accepted rows), {@value #RAW_RECORD} (for rejected rows: the
 * raw record with every phone number pseudonymised) and {@link LandingReader#FILE}.
 */
public final class ContractParser {
    public static final String EVENT_DATE = "event_date";
    public static final String REASON = "_reason";
    public static final String DETAIL = "_detail";
    public static final String RAW_RECORD = "_raw_record";
    private static final String TEXT = "_text_";
    /** C0 controls but tab, line feed and carriage return, and DEL. */
    private static final String CONTROL_CHARACTER = "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]";

    private final SourceContract contract;
    private final OperatorSettings operator;
    private final IngestSettings settings;
    private final Pseudonymizer pseudonymizer;

    public ContractParser(SourceContract contract, OperatorSettings operator, IngestSettings settings,
                          Pseudonymizer pseudonymizer) {
        this.contract = contract;
        this.operator = operator;
        this.settings = settings;
        this.pseudonymizer = pseudonymizer;
    }

    /** One contract check: when {@code failed}, the row is rejected for {@code reason}. */
    private record Check(RejectReason reason, Column failed, Column detail) {
    }

    public Dataset<Row> parse(Dataset<Row> landing) {
        Map<RejectReason, List<Check>> checks = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            checks.put(reason, new ArrayList<>());
        }
        Column malformed = col(LandingReader.MALFORMED);
        checks.get(RejectReason.MALFORMED_LINE).add(new Check(RejectReason.MALFORMED_LINE, malformed,
                lit(contract.format().equals("json")
                        ? "the line is not a JSON object"
                        : "the line does not split into the contract's " + contract.columns().size() + " fields")));

        // Step 1 types every column once; step 2 refers to the typed values by name, so the costly
        // parses (several timestamp layouts, the HMAC) run once per value rather than once per use.
        List<Column> textAndTyped = new ArrayList<>();
        for (ColumnSpec column : contract.columns()) {
            Column text = when(trim(col(column.name())).equalTo(""), lit(null)).otherwise(trim(col(column.name())));
            textAndTyped.add(text.as(TEXT + column.name()));
        }
        for (ColumnSpec column : contract.columns()) {
            textAndTyped.add(typedValue(column, col(TEXT + column.name())).as(column.name()));
        }
        textAndTyped.add(col(LandingReader.LINE));
        textAndTyped.add(col(LandingReader.MALFORMED));
        textAndTyped.add(col(LandingReader.FILE));
        Dataset<Row> typedRows = landing.select(textAndTyped.toArray(Column[]::new));

        List<Column> typedColumns = new ArrayList<>();
        List<Column> maskedRaw = new ArrayList<>();
        for (ColumnSpec column : contract.columns()) {
            Column text = col(TEXT + column.name());
            Column typed = col(column.name());
            Column present = text.isNotNull();
            Column shown = column.type().isPhoneNumber() ? lit("(number withheld)") : concat(lit("'"), text, lit("'"));
            String label = "column " + column.name() + ": ";
            if (column.required()) {
                checks.get(RejectReason.MISSING_REQUIRED).add(new Check(RejectReason.MISSING_REQUIRED,
                        text.isNull(), lit(label + "required value is empty")));
            }
            switch (column.type()) {
                case MSISDN -> checks.get(RejectReason.BAD_MSISDN).add(new Check(RejectReason.BAD_MSISDN,
                        present.and(typed.isNull()), lit(label + "not a mobile number of the numbering plan (+"
                                + operator.countryCode() + ", " + operator.nationalNumberLength() + " digits, prefixes "
                                + operator.mobilePrefixes() + ")")));
                case TIMESTAMP, DATE, MONTH -> checks.get(RejectReason.BAD_TIMESTAMP).add(new Check(RejectReason.BAD_TIMESTAMP,
                        present.and(typed.isNull()), concat(lit(label), shown, lit(" matches none of the layouts "
                                + layouts(column.type())))));
                case INT, LONG, DOUBLE, BOOLEAN -> checks.get(RejectReason.BAD_NUMBER).add(new Check(RejectReason.BAD_NUMBER,
                        present.and(typed.isNull()), concat(lit(label), shown, lit(" is not a valid "
                                + column.type().name().toLowerCase(Locale.ROOT)))));
                case CODE -> checks.get(RejectReason.UNKNOWN_CODE).add(new Check(RejectReason.UNKNOWN_CODE,
                        present.and(typed.isNull()), concat(lit(label), shown, lit(" is not in the code list " + column.values()))));
                default -> {
                }
            }
            if (column.type().isNumeric() && (column.min() != null || column.max() != null)) {
                Column outside = lit(false);
                if (column.min() != null) {
                    outside = outside.or(typed.lt(lit(column.min())));
                }
                if (column.max() != null) {
                    outside = outside.or(typed.gt(lit(column.max())));
                }
                checks.get(RejectReason.OUT_OF_RANGE).add(new Check(RejectReason.OUT_OF_RANGE,
                        coalesce(outside, lit(false)), concat(lit(label), shown, lit(" is outside ["
                                + bound(column.min()) + ", " + bound(column.max()) + "]"))));
            }
            if (column.notBefore() != null) {
                checks.get(RejectReason.OUT_OF_ORDER).add(new Check(RejectReason.OUT_OF_ORDER, coalesce(typed.lt(col(column.notBefore())),
                        lit(false)), concat(lit(label), shown, lit(" is before " + column.notBefore()))));
            }
            if (column.type() == ColumnType.STRING || column.type() == ColumnType.TEXT) {
                int longest = column.type() == ColumnType.TEXT ? settings.maxFreeTextLength() : settings.maxTextLength();
                checks.get(RejectReason.BAD_TEXT).add(new Check(RejectReason.BAD_TEXT,
                        present.and(text.rlike(CONTROL_CHARACTER)), lit(label + "holds a control character")));
                if (contract.format().equals("json")) {
                    // Parsing a JSON field as text turns an object or array into its JSON: a type mismatch, not text.
                    checks.get(RejectReason.BAD_TEXT).add(new Check(RejectReason.BAD_TEXT,
                            present.and(text.rlike("^(\\{.*\\}|\\[.*\\])$")),
                            lit(label + "holds a JSON object or array where text is expected")));
                }
                checks.get(RejectReason.BAD_TEXT).add(new Check(RejectReason.BAD_TEXT,
                        present.and(length(text).gt(longest)),
                        concat(lit(label + "is "), length(text).cast(DataTypes.StringType),
                                lit(" characters long, more than " + longest))));
            }
            typedColumns.add(typed);
            maskedRaw.add((column.type().isPhoneNumber()
                    ? PseudonymFunctions.otherParty(pseudonymizer, operator).apply(text)
                    : column.type() == ColumnType.TEXT ? typed : text).as(column.name()));
        }

        if (contract.eventTime().isPresent()) {
            Column day = eventDate();
            Column latest = date_add(LandingReader.deliveryDate(), settings.futureToleranceDays());
            checks.get(RejectReason.OUT_OF_WINDOW).add(new Check(RejectReason.OUT_OF_WINDOW,
                    coalesce(day.lt(lit(java.sql.Date.valueOf(settings.earliestEventDate()))).or(day.gt(latest)), lit(false)),
                    concat(lit("column " + contract.eventTime().get() + ": event date "), day.cast(DataTypes.StringType),
                            lit(" is before " + settings.earliestEventDate() + " or more than " + settings.futureToleranceDays()
                                    + " day(s) after the delivery"))));
        }
        // Invalid UTF-8 is read as U+FFFD; a record that holds one was sent in another encoding.
        checks.get(RejectReason.BAD_TEXT).add(0, new Check(RejectReason.BAD_TEXT, col(LandingReader.LINE).contains("\uFFFD"),
                lit("the record holds bytes that are not valid UTF-8 (another encoding?)")));
        List<Check> ordered = checks.values().stream().flatMap(List::stream).toList();
        // A malformed line has no trustworthy fields: it fails as malformed and nothing else.
        Column reason = coalesce(ordered.stream().map(c -> when(c.failed(), lit(c.reason().name()))).toArray(Column[]::new));
        Column detail = coalesce(ordered.stream().map(c -> when(c.failed(), c.detail())).toArray(Column[]::new));
        // Built for rejected rows only: accepted rows need no raw copy, and it is the widest column.
        Column rawRecord = when(reason.isNull(), lit(null).cast(DataTypes.StringType))
                .when(malformed, PseudonymFunctions.maskFreeText(pseudonymizer, operator).apply(col(LandingReader.LINE)))
                .otherwise(to_json(struct(maskedRaw.toArray(Column[]::new))));

        List<Column> out = new ArrayList<>(typedColumns);
        for (ColumnSpec column : contract.columns()) {
            if (column.negativeFlag() != null) {
                out.add(coalesce(col(column.name()).lt(0), lit(false)).as(column.negativeFlag()));
            }
        }
        out.add(eventDate().as(EVENT_DATE));
        out.add(reason.as(REASON));
        out.add(detail.as(DETAIL));
        out.add(rawRecord.as(RAW_RECORD));
        out.add(col(LandingReader.FILE));
        return typedRows.select(out.toArray(Column[]::new));
    }

    private Column eventDate() {
        if (contract.eventTime().isEmpty()) {
            return lit(null).cast(DataTypes.DateType);
        }
        ColumnSpec eventColumn = contract.column(contract.eventTime().get());
        Column value = col(eventColumn.name());
        return eventColumn.type() == ColumnType.DATE
                ? value
                : to_date(from_utc_timestamp(value, operator.timezone().getId()));
    }

    /** The typed value of a trimmed, non-empty text, or null when it does not parse. */
    private Column typedValue(ColumnSpec column, Column text) {
        return switch (column.type()) {
            case STRING -> text;
            case INT -> text.try_cast(DataTypes.IntegerType);
            case LONG -> text.try_cast(DataTypes.LongType);
            case DOUBLE -> finite(text.try_cast(DataTypes.DoubleType));
            case BOOLEAN -> when(lower(text).isin(settings.booleanTrue().toArray()), lit(true))
                    .when(lower(text).isin(settings.booleanFalse().toArray()), lit(false));
            case TIMESTAMP -> timestamp(text);
            case DATE -> date(text);
            case MONTH -> date_format(date(concat(text, lit("-01"))), "yyyy-MM");
            case CODE -> element_at(codeMap(column), upper(text));
            case MSISDN -> PseudonymFunctions.msisdn(pseudonymizer, operator).apply(text);
            case PHONE -> PseudonymFunctions.otherParty(pseudonymizer, operator).apply(text);
            // A 1 MB text is rejected for its length; masking it first would only cost time.
            case TEXT -> when(length(text).leq(settings.maxFreeTextLength()),
                    PseudonymFunctions.maskFreeText(pseudonymizer, operator).apply(text));
        };
    }

    private static Column finite(Column number) {
        return when(isnan(number).or(number.isin(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)), lit(null).cast(DataTypes.DoubleType))
                .otherwise(number);
    }

    /** First layout that parses; layouts without an offset are read as operator-local wall time. */
    private Column timestamp(Column text) {
        Column[] attempts = settings.timestampFormats().stream().map(layout -> {
            Column parsed = try_to_timestamp(text, lit(layout));
            return hasOffset(layout) ? parsed : to_utc_timestamp(parsed, operator.timezone().getId());
        }).toArray(Column[]::new);
        return attempts.length == 1 ? attempts[0] : coalesce(attempts);
    }

    private Column date(Column text) {
        Column[] attempts = settings.dateFormats().stream()
                .map(layout -> to_date(try_to_timestamp(text, lit(layout)))).toArray(Column[]::new);
        return attempts.length == 1 ? attempts[0] : coalesce(attempts);
    }

    private static boolean hasOffset(String layout) {
        String unquoted = layout.replaceAll("'[^']*'", "");
        return unquoted.contains("X") || unquoted.contains("x") || unquoted.contains("Z") || unquoted.contains("O");
    }

    private String layouts(ColumnType type) {
        return switch (type) {
            case TIMESTAMP -> settings.timestampFormats().toString();
            case DATE -> settings.dateFormats().toString();
            default -> "[yyyy-MM]";
        };
    }

    /** Upper-cased spelling (and aliases) → canonical code. */
    private static Column codeMap(ColumnSpec column) {
        List<Column> entries = new ArrayList<>();
        for (String code : column.values()) {
            entries.add(lit(code.toUpperCase(Locale.ROOT)));
            entries.add(lit(code));
        }
        column.aliases().forEach((alias, code) -> {
            entries.add(lit(alias));
            entries.add(lit(code));
        });
        return map(entries.toArray(Column[]::new));
    }

    private static String bound(Double value) {
        return value == null ? "-" : (value == Math.rint(value) ? String.valueOf(value.longValue()) : value.toString());
    }
}
