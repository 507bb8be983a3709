package io.flowstate.nflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Users and API tokens for {@code validate_user}/{@code validate_token} (NFLOW.md §5), read from the accounts file
 * ({@code nflow.accounts}). Passwords are hex SHA-512/256; every compare is constant-time. Never logged.
 */
public final class Accounts {

    /** A user record. */
    record User(String username, String passwordHash, boolean active) {
    }

    /** An API token record. */
    record Token(String name, String token, String type, String header, @Nullable Long expires, boolean active) {
    }

    /** No users and no tokens: every check fails. */
    public static final Accounts NONE = new Accounts(List.of(), List.of(), Clock.systemUTC());

    private final List<User> users;
    private final List<Token> tokens;
    private final Clock clock;

    Accounts(List<User> users, List<Token> tokens, Clock clock) {
        this.users = List.copyOf(users);
        this.tokens = List.copyOf(tokens);
        this.clock = clock;
    }

    /** Reads the accounts file; throws {@link IllegalArgumentException} naming what is wrong (never a secret). */
    public static Accounts load(Path file, Clock clock) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read accounts file '" + file + "'", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("accounts file '" + file + "' must be a JSON object");
        }
        List<User> users = new java.util.ArrayList<>();
        for (JsonNode u : root.path("users")) {
            users.add(new User(u.path("username").asText(""), u.path("password").asText("").toLowerCase(Locale.ROOT),
                    u.path("active").asBoolean(true)));
        }
        List<Token> tokens = new java.util.ArrayList<>();
        for (JsonNode t : root.path("tokens")) {
            JsonNode expires = t.path("expires");
            tokens.add(new Token(t.path("name").asText(""), t.path("token").asText(""), t.path("type").asText("Bearer"),
                    t.path("header").asText("Authorization"), expires.isNumber() ? expires.asLong() : null,
                    t.path("active").asBoolean(true)));
        }
        return new Accounts(users, tokens, clock);
    }

    /** True when an active user has this name and password. */
    public boolean validateUser(String username, String password) {
        byte[] hash = HexFormat.of().formatHex(sha512_256(password)).getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (User user : users) {
            boolean match = user.active() & user.username().equals(username)
                    & MessageDigest.isEqual(hash, user.passwordHash().getBytes(StandardCharsets.UTF_8));
            ok |= match;
        }
        return ok;
    }

    /** True when an active, unexpired token named {@code name} is in its header as {@code "<type> <token>"}. */
    public boolean validateToken(String name, Map<String, List<String>> headers) {
        long now = clock.instant().getEpochSecond();
        boolean ok = false;
        for (Token token : tokens) {
            if (!token.name().equals(name) || !token.active() || (token.expires() != null && token.expires() <= now)) {
                continue;
            }
            String sent = header(headers, token.header());
            byte[] expected = (token.type() + " " + token.token()).getBytes(StandardCharsets.UTF_8);
            ok |= sent != null && MessageDigest.isEqual(expected, sent.getBytes(StandardCharsets.UTF_8));
        }
        return ok;
    }

    private static @Nullable String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    static byte[] sha512_256(String text) {
        try {
            return MessageDigest.getInstance("SHA-512/256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512/256 is missing from the JDK", e);
        }
    }
}
