package dev.vigil.accounts.service;

import java.util.Set;
import java.util.TreeSet;

/**
 * Accounts whose published state a change touched: {@code states} need a new {@code AccountState},
 * {@code lists} a new {@code ThreatListState}.
 */
public record Affected(Set<String> states, Set<String> lists) {

    /** Nothing affected. */
    public static Affected none() {
        return new Affected(new TreeSet<>(), new TreeSet<>());
    }

    /** Only {@code accountId}'s AccountState. */
    public static Affected state(String accountId) {
        Affected a = none();
        a.states().add(accountId);
        return a;
    }

    /** Adds a relationship change between administrator and member: both states, the member's lists. */
    public Affected relationship(String administrator, String member) {
        states.add(administrator);
        states.add(member);
        lists.add(member);
        return this;
    }

    /** Whether nothing needs publishing. */
    public boolean isEmpty() {
        return states.isEmpty() && lists.isEmpty();
    }

    /** {@code value} together with what the change that produced it affected. */
    public <T> Result<T> with(T value) {
        return new Result<>(value, this);
    }

    /** A change without a value that affected these accounts. */
    public Result<Void> result() {
        return new Result<>(null, this);
    }

    /** A result value together with what it affected. */
    public record Result<T>(T value, Affected affected) {
    }
}
