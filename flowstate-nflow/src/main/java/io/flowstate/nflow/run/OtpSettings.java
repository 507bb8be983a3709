package io.flowstate.nflow.run;

/**
 * How {@code send_otp}/{@code check_otp} answer ({@code nflow.otp.mode}): {@code accept} (every code), {@code fixed}
 * (only {@code code}), {@code reject} (none). No message is sent: the twilio boxes are stubs.
 */
public record OtpSettings(String mode, String code) {

    public static final OtpSettings ACCEPT = new OtpSettings("accept", "");

    public OtpSettings {
        if (!mode.equals("accept") && !mode.equals("fixed") && !mode.equals("reject")) {
            throw new IllegalArgumentException("nflow.otp.mode must be accept, fixed or reject, was '" + mode + "'");
        }
    }

    boolean send() {
        return !mode.equals("reject");
    }

    boolean check(String given) {
        return switch (mode) {
            case "accept" -> true;
            case "fixed" -> java.security.MessageDigest.isEqual(code.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            default -> false;
        };
    }
}
