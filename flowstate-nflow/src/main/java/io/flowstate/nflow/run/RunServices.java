package io.flowstate.nflow.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * What a run needs from the place it runs in: the browser's login (profile and login record) and per-run session
 * values. The server implements it over the store; tests implement it in memory. Called on the run's thread.
 */
public interface RunServices {

    /** The logged-in profile, or null. */
    @Nullable ObjectNode profile();

    /** Logs in with {@code profile} (a new login id is issued). */
    void setProfile(ObjectNode profile);

    /** Logs out: the login record is deleted. */
    void deleteProfile();

    /** The login record's values ({@code auth-session}: {@code redirect_url} and {@code auth*} values). */
    ObjectNode loginValues();
}
