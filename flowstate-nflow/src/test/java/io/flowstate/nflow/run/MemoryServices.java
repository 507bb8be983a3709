package io.flowstate.nflow.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import org.jspecify.annotations.Nullable;

/** Login and profile of one browser, in memory: what the server keeps in the store. */
final class MemoryServices implements RunServices {
    @Nullable ObjectNode profile;
    final ObjectNode login = Json.object();

    @Override
    public @Nullable ObjectNode profile() {
        return profile;
    }

    @Override
    public void setProfile(ObjectNode profile) {
        this.profile = profile;
    }

    @Override
    public void deleteProfile() {
        profile = null;
    }

    @Override
    public ObjectNode loginValues() {
        return login;
    }
}
