package dev.vigil.accounts.sources;

import dev.vigil.events.Json;
import dev.vigil.events.LogSourceState;
import dev.vigil.web.GuardDutyException;
import dev.vigil.web.sigv4.SigV4Config;
import dev.vigil.web.sigv4.StackKeyCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a log source's credentials and seals them with the operator's stack key ({@code vigil.sigv4.stack-key}, env
 * {@code VIGIL_SIGV4_STACK_KEY}, a Kubernetes Secret) through guardduty-web's {@link StackKeyCipher} (AES-256-GCM),
 * bound to the account and source ID ({@link LogSourceState#credentialsPurpose}), so a sealed value copied to another
 * source does not open. The API never returns them; only the reader opens them.
 */
@ApplicationScoped
public class SourceCredentials {

    /** IAM role ARN (IAM's {@code arnType} narrowed to roles). */
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    /** STS AssumeRole {@code ExternalId}: 2 to 1224 characters of {@code [\w+=,.@:/-]}. */
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    /** IAM {@code accessKeyIdType}: 16 to 128 word characters. */
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\w{16,128}");

    private final Optional<StackKeyCipher> cipher;

    public SourceCredentials(SigV4Config config) {
        this.cipher = config.stackKey().filter(k -> !k.isBlank()).map(StackKeyCipher::fromBase64);
    }

    /**
     * Checks {@code c}: a role ARN (optional external ID) or an access key ID with its secret (optional session
     * token), not both.
     *
     * @throws GuardDutyException 400 naming the member at fault
     */
    public static void check(LogSourceState.Credentials c) {
        boolean role = c.roleArn() != null;
        boolean keys = c.accessKeyId() != null || c.secretAccessKey() != null;
        if (role == keys) {
            throw GuardDutyException.badRequest("credentials must hold either roleArn (with an optional externalId) or "
                    + "accessKeyId and secretAccessKey.");
        }
        if (role) {
            require(ROLE_ARN, c.roleArn(), "credentials.roleArn", "an IAM role ARN (arn:aws:iam::123456789012:role/name)");
            if (c.externalId() != null) {
                require(EXTERNAL_ID, c.externalId(), "credentials.externalId", "2 to 1224 characters of [\\w+=,.@:/-]");
            }
            if (c.sessionToken() != null) {
                throw GuardDutyException.badRequest("credentials.sessionToken goes with accessKeyId, not with roleArn.");
            }
        } else {
            require(ACCESS_KEY_ID, c.accessKeyId(), "credentials.accessKeyId", "16 to 128 letters or digits");
            if (c.secretAccessKey() == null || c.secretAccessKey().isEmpty() || c.secretAccessKey().length() > 128) {
                throw GuardDutyException.badRequest("credentials.secretAccessKey must be 1 to 128 characters.");
            }
            if (c.sessionToken() != null && c.sessionToken().length() > 4096) {
                throw GuardDutyException.badRequest("credentials.sessionToken must be at most 4096 characters.");
            }
            if (c.externalId() != null) {
                throw GuardDutyException.badRequest("credentials.externalId goes with roleArn, not with accessKeyId.");
            }
        }
    }

    private static void require(Pattern p, String value, String member, String what) {
        if (value == null || !p.matcher(value).matches()) {
            throw GuardDutyException.badRequest(member + " must be " + what + ".");
        }
    }

    /**
     * {@code c} sealed for source {@code logSourceId} of {@code accountId}.
     *
     * @throws GuardDutyException 400 when the operator set no stack key (credentials cannot be stored safely)
     */
    public String seal(LogSourceState.Credentials c, String accountId, String logSourceId) {
        StackKeyCipher k = cipher.orElseThrow(() -> GuardDutyException.badRequest("This Vigil stack has no stack key "
                + "(VIGIL_SIGV4_STACK_KEY): credentials cannot be stored. Ask the operator to set one."));
        return k.seal(Json.write(c).getBytes(StandardCharsets.UTF_8), LogSourceState.credentialsPurpose(accountId, logSourceId));
    }
}
