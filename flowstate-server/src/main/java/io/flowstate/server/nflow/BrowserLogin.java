package io.flowstate.server.nflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.nflow.run.RunServices;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One request's view of the browser's login: read from the login record its cookie names, changed by the run, and
 * written back once after it ({@link #persist}).
 */
final class BrowserLogin implements RunServices {

    private final LoginStore store;
    private final Optional<ProcessInstance> record;
    private @Nullable ObjectNode profile;
    private final ObjectNode values;
    private final ObjectNode originalValues;
    private boolean profileSet;
    private boolean deleted;

    BrowserLogin(LoginStore store, @Nullable String cookie) {
        this.store = store;
        this.record = store.find(cookie);
        ObjectNode state = record.map(ProcessInstance::state).orElseGet(Json::object);
        this.profile = state.get("profile") instanceof ObjectNode p ? p.deepCopy() : null;
        this.values = state.get("values") instanceof ObjectNode v ? v.deepCopy() : Json.object();
        this.originalValues = values.deepCopy();
    }

    private BrowserLogin(BrowserLogin from) {
        this.store = from.store;
        this.record = from.record;
        this.profile = from.profile == null ? null : from.profile.deepCopy();
        this.values = from.values.deepCopy();
        this.originalValues = from.originalValues;
        this.profileSet = from.profileSet;
        this.deleted = from.deleted;
    }

    /** An independent copy, for a run that may be dropped: what it changes reaches this one only if it is kept. */
    BrowserLogin copy() {
        return new BrowserLogin(this);
    }

    @Override
    public @Nullable ObjectNode profile() {
        return profile;
    }

    @Override
    public void setProfile(ObjectNode newProfile) {
        profile = newProfile.deepCopy();
        profileSet = true;
        deleted = false;
    }

    @Override
    public void deleteProfile() {
        profile = null;
        deleted = true;
        profileSet = false;
    }

    @Override
    public ObjectNode loginValues() {
        return values;
    }

    /**
     * Writes what the request changed.
     *
     * @return the {@code Set-Cookie} value to send, or null when the cookie stays as it is
     */
    @Nullable String persist(boolean secure) {
        if (deleted) {
            record.ifPresent(store::delete);
            return record.isPresent() ? cookie("", 0, secure) : null;
        }
        ObjectNode state = Json.object();
        if (profile != null) {
            state.set("profile", profile);
        }
        state.set("values", values);
        if (profileSet) {
            // a new id on login, so an id seen before the login is worth nothing after it
            record.ifPresent(store::delete);
            return cookie(store.create(state), store.ttl().toSeconds(), secure);
        }
        if (values.equals(originalValues)) {
            return null;
        }
        if (record.isPresent()) {
            store.update(record.get(), state);
            return null;
        }
        return cookie(store.create(state), store.ttl().toSeconds(), secure);
    }

    private static String cookie(String value, long maxAge, boolean secure) {
        return LoginStore.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }
}
