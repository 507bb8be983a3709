package io.flowstate.bench.peers;

import java.util.Map;

/** The form inputs of one sign-up: what a person types into the profile task and into the address task. */
public record SignupVariables(Map<String, Object> profile, Map<String, Object> address) {

    public SignupVariables {
        profile = Map.copyOf(profile);
        address = Map.copyOf(address);
    }
}
