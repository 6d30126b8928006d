package dev.vigil.accounts.model;

import java.util.List;

/** The result of an operation on several accounts: what it found or did, and the accounts it could not process. */
public record Processed<T>(List<T> items, List<Unprocessed> unprocessed) {
}
