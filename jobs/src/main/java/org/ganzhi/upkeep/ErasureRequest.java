package org.ganzhi.upkeep;

import org.ganzhi.common.GanzhiException;
import org.ganzhi.config.OperatorSettings;
import org.ganzhi.privacy.PhoneNumbers;
import org.ganzhi.privacy.Pseudonymizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The subscribers whose data is to be erased, as E.164 numbers normalised exactly as ingest
 * normalises them (so their pseudonyms are the ones in the lake). Holds raw numbers: it is never
 * printed, and no message names a number — a bad one is named by its position.
 */
public final class ErasureRequest {
    private final List<String> numbers;

    private ErasureRequest(List<String> numbers) {
        this.numbers = List.copyOf(numbers);
    }

    /** From --msisdn or --msisdn-file (exactly one): one number per line, blank lines and # comments skipped. */
    public static ErasureRequest of(Optional<String> msisdn, Optional<String> msisdnFile, OperatorSettings plan) {
        if (msisdn.isPresent() == msisdnFile.isPresent()) {
            throw new GanzhiException("'erase' needs exactly one of --msisdn N (one subscriber) or --msisdn-file F "
                    + "(a file with one number per line).");
        }
        if (msisdn.isPresent()) {
            return new ErasureRequest(List.of(normalise(msisdn.get(), "the --msisdn value", plan)));
        }
        Path file = Path.of(msisdnFile.get());
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GanzhiException("cannot read the --msisdn-file " + file + " (" + e.getClass().getSimpleName()
                    + "): check the path and that it is readable, one number per line.", e);
        }
        Set<String> numbers = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                numbers.add(normalise(line, "line " + (i + 1) + " of " + file, plan));
            }
        }
        if (numbers.isEmpty()) {
            throw new GanzhiException("the --msisdn-file " + file + " holds no number: write one subscriber number per line.");
        }
        return new ErasureRequest(new ArrayList<>(numbers));
    }

    private static String normalise(String raw, String where, OperatorSettings plan) {
        String e164 = PhoneNumbers.normaliseMsisdn(raw, plan);
        if (e164 == null) {
            // The value itself is not repeated: an error message ends up in logs and the run log.
            throw new GanzhiException(where + " is not a mobile number of the numbering plan (+" + plan.countryCode()
                    + ", " + plan.nationalNumberLength() + " national digits, prefixes " + plan.mobilePrefixes()
                    + "). Correct it and run erase again; nothing was erased.");
        }
        return e164;
    }

    /** The subscribers' pseudonyms with the lake's key, in request order, without repeats. */
    public List<String> pseudonyms(Pseudonymizer pseudonymizer) {
        return numbers.stream().map(pseudonymizer::pseudonym).distinct().toList();
    }

    public int size() {
        return numbers.size();
    }

    /** Never the numbers, also not by accident in a log line or an exception. */
    @Override
    public String toString() {
        return "ErasureRequest[" + numbers.size() + " subscriber(s)]";
    }
}
