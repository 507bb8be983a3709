package io.flowstate.bench;

/**
 * Reads an ISO-8601 UTC instant as the server writes it ({@code 2026-12-05T04:01:02.123456Z}, zero to nine
 * fraction digits) from bytes, as microseconds since the epoch, without a formatter: a subscriber reading a
 * thousand events a commit would otherwise spend more of the shared cores parsing than reading.
 */
final class IsoInstants {

    private IsoInstants() {
    }

    static long micros(byte[] text, int at) {
        long days = epochDay(digits(text, at, 4), digits(text, at + 5, 2), digits(text, at + 8, 2));
        long seconds = days * 86_400 + digits(text, at + 11, 2) * 3600L + digits(text, at + 14, 2) * 60L
                + digits(text, at + 17, 2);
        long micros = 0;
        int scale = 100_000;
        int i = at + 19;
        if (text[i] == '.') {
            for (i++; text[i] >= '0' && text[i] <= '9'; i++) {
                micros += (text[i] - '0') * (long) scale;
                scale /= 10;
            }
        }
        if (text[i] != 'Z') {
            throw new IllegalArgumentException("not a UTC instant at " + at);
        }
        return seconds * 1_000_000 + micros;
    }

    private static int digits(byte[] text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            value = value * 10 + (text[i] - '0');
        }
        return value;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }
}
