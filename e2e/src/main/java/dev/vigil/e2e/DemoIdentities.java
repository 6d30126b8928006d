package dev.vigil.e2e;

/**
 * The demo identities of the local stack (realm {@code vigil}; the users are in {@code stack/keycloak/demo-users.json},
 * ARCHITECTURE.md "Local demo identities"), used by the CLI ({@code demo-run}, {@code ingest}, {@code findings}) and
 * the end-to-end suite. Their secrets come from the environment variables {@code ./vigil} documents (README.md):
 * {@value #PASSWORD_ENV} and {@value #COLLECTOR_SECRET_ENV}.
 */
public final class DemoIdentities {

    /** The administrator account of the demo; invites {@link #MEMBER_ACCOUNT}. */
    public static final String ADMIN_ACCOUNT = "111111111111";
    /** The member account (once it accepted the administrator's invitation). */
    public static final String MEMBER_ACCOUNT = "222222222222";
    /** An unrelated tenant. */
    public static final String OTHER_ACCOUNT = "333333333333";

    /** Roles admin and analyst in {@link #ADMIN_ACCOUNT}. */
    public static final String ADMIN_111 = "admin-111";
    /** Role analyst in {@link #ADMIN_ACCOUNT}: reads findings only. */
    public static final String ANALYST_111 = "analyst-111";
    /** Roles admin and analyst in {@link #MEMBER_ACCOUNT}. */
    public static final String ADMIN_222 = "admin-222";
    /** Roles admin and analyst in {@link #OTHER_ACCOUNT}. */
    public static final String ADMIN_333 = "admin-333";
    /** Role ingest in {@link #ADMIN_ACCOUNT}: submits its own account's logs. */
    public static final String INGEST_111 = "ingest-111";
    /** The confidential client of a central log pipeline (role collector, no account; client credentials). */
    public static final String COLLECTOR = "vigil-collector";

    /** The environment variable holding every demo user's password. */
    public static final String PASSWORD_ENV = "VIGIL_DEMO_PASSWORD";
    /** The demo users' password when {@link #PASSWORD_ENV} is unset. */
    public static final String DEFAULT_PASSWORD = "vigil-demo";
    /** The environment variable holding {@link #COLLECTOR}'s client secret. */
    public static final String COLLECTOR_SECRET_ENV = "VIGIL_COLLECTOR_CLIENT_SECRET";
    /** {@link #COLLECTOR}'s secret when {@link #COLLECTOR_SECRET_ENV} is unset. */
    public static final String DEFAULT_COLLECTOR_SECRET = "vigil-collector-secret";
    /** The default of a picocli {@code --password} option: {@link #PASSWORD_ENV}, else {@link #DEFAULT_PASSWORD}. */
    public static final String PASSWORD_OPTION = "${env:" + PASSWORD_ENV + ":-" + DEFAULT_PASSWORD + "}";
    /** The default of a picocli collector secret option. */
    public static final String COLLECTOR_SECRET_OPTION =
        "${env:" + COLLECTOR_SECRET_ENV + ":-" + DEFAULT_COLLECTOR_SECRET + "}";

    private DemoIdentities() {
    }

    /** The demo users' password ({@link #PASSWORD_ENV}, default {@value #DEFAULT_PASSWORD}). */
    public static String password() {
        return LocalStack.env(PASSWORD_ENV, DEFAULT_PASSWORD);
    }

    /** {@link #COLLECTOR}'s secret ({@link #COLLECTOR_SECRET_ENV}, default {@value #DEFAULT_COLLECTOR_SECRET}). */
    public static String collectorSecret() {
        return LocalStack.env(COLLECTOR_SECRET_ENV, DEFAULT_COLLECTOR_SECRET);
    }
}
