package dev.vigil.egress;

/**
 * A connection the egress guard refuses, or a URL it cannot accept. The message is fit for the tenant (a list's
 * status reason, a destination's error, a 400): it names the host and the reason, never a Java type.
 */
public class EgressRefusedException extends RuntimeException {

    /** A refusal with a message for the tenant. */
    public EgressRefusedException(String message) {
        super(message, null, false, false);
    }
}
