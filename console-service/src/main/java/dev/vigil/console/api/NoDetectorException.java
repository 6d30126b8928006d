package dev.vigil.console.api;

/** The user's account has no detector in the default region: GuardDuty is not enabled there. */
public class NoDetectorException extends RuntimeException {

    /** The one message the console shows for it. */
    public NoDetectorException() {
        super("GuardDuty is not enabled for this account: it has no detector in this region.");
    }
}
