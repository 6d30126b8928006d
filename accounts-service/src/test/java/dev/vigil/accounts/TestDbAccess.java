package dev.vigil.accounts;

/** Test access to {@link TestDb} for tests in sub-packages. */
public final class TestDbAccess {

    private TestDbAccess() {
    }

    /** Empties the service's tables. */
    public static void clean() {
        TestDb.clean();
    }
}
