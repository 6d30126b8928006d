package dev.vigil.events;

/**
 * Kafka record keys of the contract.
 *
 * <p>Log topics use {@code accountId/resourceId}, so that one resource's records stay ordered in one partition;
 * state topics use the bare 12-digit account ID.
 */
public final class Keys {

    private Keys() {
    }

    /**
     * The key of a log record.
     *
     * @param accountId  the tenant's 12-digit account ID
     * @param resourceId the resource (network interface, instance, source address or principal); {@code null} or
     *                   blank becomes {@code "-"}
     * @throws IllegalArgumentException if {@code accountId} is not 12 digits
     */
    public static String logKey(String accountId, String resourceId) {
        requireAccountId(accountId);
        return accountId + "/" + (resourceId == null || resourceId.isBlank() ? "-" : resourceId);
    }

    /**
     * The account ID a key belongs to: the part before the first {@code /}, or the whole key.
     *
     * @throws IllegalArgumentException if that part is not a 12-digit account ID
     */
    public static String accountOf(String key) {
        if (key == null) {
            throw new IllegalArgumentException("record key is missing");
        }
        int slash = key.indexOf('/');
        String account = slash < 0 ? key : key.substring(0, slash);
        requireAccountId(account);
        return account;
    }

    /**
     * Whether {@code key} (a log key {@code accountId/resourceId} or a bare account ID) names {@code accountId}, a
     * valid 12-digit account ID.
     */
    public static boolean keyNames(String key, String accountId) {
        if (key == null || !isAccountId(accountId)) {
            return false;
        }
        return key.length() == 12 ? key.equals(accountId) : key.startsWith(accountId) && key.charAt(12) == '/';
    }

    /** Whether {@code accountId} is an AWS account ID: exactly 12 ASCII digits. */
    public static boolean isAccountId(String accountId) {
        // a loop, not a regex: this runs for every record ingested and consumed
        if (accountId == null || accountId.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = accountId.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks an account ID.
     *
     * @throws IllegalArgumentException if it is not 12 digits
     */
    public static String requireAccountId(String accountId) {
        if (!isAccountId(accountId)) {
            throw new IllegalArgumentException("not a 12-digit account ID: " + accountId);
        }
        return accountId;
    }
}
