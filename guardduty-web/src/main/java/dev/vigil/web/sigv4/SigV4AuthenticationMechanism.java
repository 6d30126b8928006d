package dev.vigil.web.sigv4;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * AWS Signature Version 4 beside bearer tokens: a request with {@code Authorization: AWS4-HMAC-SHA256 ...} or a
 * presigned query is parsed here ({@link SigV4Request}) and authenticated by {@link SigV4IdentityProvider}; any other
 * request is left to the bearer-token mechanism (OIDC). The body was read before authentication by
 * {@link SigV4BodyReader}, so its hash is part of the check. A refusal is a {@link SigV4Exception}, answered in AWS's
 * shape by {@link SigV4ErrorMapper}; nothing here logs a header, a token or a signature.
 */
@ApplicationScoped
public class SigV4AuthenticationMechanism implements HttpAuthenticationMechanism {

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        var http = context.request();
        if (!SigV4Request.isSigned(http.getHeader("Authorization"), http.query())) {
            return Uni.createFrom().nullItem();
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        http.headers().forEach(e -> headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        if (!headers.containsKey("host") && http.authority() != null) {
            headers.put("host", List.of(http.authority().toString())); // HTTP/2's :authority
        }
        Buffer body = context.body() == null ? null : context.body().buffer();
        SigV4Request request;
        try {
            request = SigV4Request.parse(http.method().name(), http.path(), http.query(), headers,
                    body == null ? new byte[0] : body.getBytes());
        } catch (SigV4Exception e) {
            return Uni.createFrom().failure(e.inProtocol(isStsPath(http.path())));
        }
        return identityProviderManager.authenticate(new SigV4AuthenticationRequest(request));
    }

    /** Whether {@code path} is the STS or IAM endpoint (answered in the Query protocol's XML). */
    static boolean isStsPath(String path) {
        return path == null || path.equals("/") || path.startsWith("/sts") || path.startsWith("/iam");
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SigV4AuthenticationRequest.class);
    }
}
