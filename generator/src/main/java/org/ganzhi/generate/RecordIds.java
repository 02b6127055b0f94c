package org.ganzhi.generate;

/**
 * Record ids of a seed: prefix + 16 hex digits of a bijective scramble of (subscriber, sequence),
 * so ids are unique per source, look random, and never start with a digit run that ingestion
 * would mistake for a phone number.
 */
final class RecordIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final long seed;

    RecordIds(long seed) {
        this.seed = seed;
    }

    String id(String prefix, long index, long sequence) {
        long packed = (index << 24) ^ (sequence & 0xFFFFFF);
        long value = Rng.mix(packed ^ Rng.mix(seed ^ prefix.hashCode()));
        char[] chars = new char[prefix.length() + 16];
        prefix.getChars(0, prefix.length(), chars, 0);
        for (int i = 15; i >= 0; i--) {
            chars[prefix.length() + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        return new String(chars);
    }
}
