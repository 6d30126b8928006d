package dev.vigil.accounts.model;

/** The free-trial days an account has left, the same for every data source it is metered on. */
public record FreeTrial(String accountId, int daysRemaining) {
}
