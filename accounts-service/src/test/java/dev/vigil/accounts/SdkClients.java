package dev.vigil.accounts;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;

/**
 * The AWS SDK for Java v2 GuardDuty client as module tests use it: endpoint override to the test server, anonymous
 * credentials, no retries, and an interceptor adding {@code Authorization: Bearer ...} (the identity itself comes
 * from {@code @TestSecurity}).
 */
final class SdkClients {

    private SdkClients() {
    }

    /** A client for {@code base} (the test server's root URI) plus {@code pathPrefix} (e.g. a region, or empty). */
    static GuardDutyClient guardDuty(URI base, String pathPrefix) {
        return GuardDutyClient.builder()
                .endpointOverride(URI.create(base.toString().replaceAll("/$", "") + pathPrefix))
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()).addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                        return context.httpRequest().toBuilder().putHeader("Authorization", "Bearer sdk-test-token").build();
                    }
                }))
                .build();
    }
}
