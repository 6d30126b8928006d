package dev.vigil.accounts.model;

/** An account an operation on several accounts did not process, and why (GuardDuty's UnprocessedAccount). */
public record Unprocessed(String accountId, String reason) {
}
