package dev.vigil.accounts.model;

/** A member account's own detector in the administrator's region (GetMemberDetectors). */
public record MemberDetector(String accountId, Detector detector) {
}
