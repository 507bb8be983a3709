package io.flowstate.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import java.util.Random;

/**
 * Realistic form data of a chosen size: applicant records with varied names, addresses, e-mails, phone numbers,
 * dates and amounts from a seeded generator (compressible like real form data is, not like a repeated
 * character). Shared by the token tests and the benchmarks.
 */
public final class FormStates {

    private static final String[] FIRST = {"Anna", "Ben", "Chloé", "Dmitri", "Elif", "Farah", "Gustav", "Hana",
            "Ivan", "Jana", "Kofi", "Lena", "Mateo", "Nora", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tomasz"};
    private static final String[] LAST = {"Müller", "Schmidt", "Kowalski", "Nguyen", "García", "Rossi", "Dubois",
            "Jensen", "Novak", "Okafor", "Yılmaz", "Andersson", "Silva", "Papadopoulos", "Horvat", "Bakker"};
    private static final String[] STREET = {"Hauptstraße", "Rue de la Paix", "Kings Road", "Via Roma", "Calle Mayor",
            "Lindenallee", "Birkenweg", "Station Road", "Marktplatz", "Elm Street"};
    private static final String[] CITY = {"Berlin", "Lyon", "Leeds", "Torino", "Sevilla", "Graz", "Utrecht",
            "Kraków", "Aarhus", "Porto"};
    private static final String[] DOMAIN = {"example.com", "mail.example.org", "post.example.net", "example.de"};
    private static final String[] EMPLOYMENT = {"employed", "self-employed", "student", "retired", "unemployed"};

    private FormStates() {
    }

    /** A state whose compact JSON is {@code targetBytes} long, give or take a few bytes. */
    public static ObjectNode ofSize(int targetBytes, long seed) {
        Random random = new Random(seed);
        ObjectNode state = Json.object();
        state.put("applicationId", "APP-" + (100000 + random.nextInt(900000)));
        state.put("product", "personal-loan");
        state.put("consent", true);
        ArrayNode applicants = state.putArray("applicants");
        while (Json.bytes(state).length < targetBytes) {
            applicants.add(applicant(random, applicants.size()));
        }
        if (applicants.size() > 0 && Json.bytes(state).length > targetBytes) {
            applicants.remove(applicants.size() - 1);
        }
        int missing = targetBytes - Json.bytes(state).length - ",\"notes\":\"\"".length();
        if (missing > 0) {
            state.put("notes", notes(random, missing));
        }
        return state;
    }

    private static ObjectNode applicant(Random random, int index) {
        String first = pick(random, FIRST);
        String last = pick(random, LAST);
        ObjectNode a = Json.object();
        a.put("role", index == 0 ? "primary" : "co-applicant");
        a.put("firstName", first);
        a.put("lastName", last);
        a.put("email", (first + "." + last).toLowerCase(java.util.Locale.ROOT) + (random.nextInt(90) + 10) + "@" + pick(random, DOMAIN));
        a.put("phone", "+49 " + (150 + random.nextInt(30)) + " " + (1000000 + random.nextInt(9000000)));
        a.put("birthDate", (1950 + random.nextInt(55)) + "-" + two(1 + random.nextInt(12)) + "-"
                + two(1 + random.nextInt(28)));
        ObjectNode address = a.putObject("address");
        address.put("street", pick(random, STREET) + " " + (1 + random.nextInt(220)));
        address.put("postalCode", String.valueOf(10000 + random.nextInt(89999)));
        address.put("city", pick(random, CITY));
        address.put("country", "DE");
        a.put("iban", "DE" + two(random.nextInt(100)) + digits(random, 18));
        a.put("idDocument", Long.toHexString(random.nextLong()) + "-" + digits(random, 6));
        a.put("employment", pick(random, EMPLOYMENT));
        a.put("monthlyIncome", new java.math.BigDecimal(random.nextInt(900000)).movePointLeft(2).add(
                java.math.BigDecimal.valueOf(800)));
        a.put("dependents", random.nextInt(4));
        a.put("newsletter", random.nextBoolean());
        return a;
    }

    private static String notes(Random random, int length) {
        String[] words = {"customer", "called", "about", "the", "application", "documents", "missing", "payslip",
                "will", "send", "tomorrow", "address", "changed", "recently", "verified", "by", "phone"};
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(pick(random, words)).append(' ');
        }
        return text.substring(0, length);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String digits(Random random, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }
}
