package dev.vigil.accounts.iam;

import dev.vigil.web.sigv4.SigV4ErrorMapper;
import java.util.List;
import java.util.UUID;

/** IAM's Query-protocol answers (API version 2010-05-08) for access keys, shaped as AWS writes them. */
final class IamXml {

    /** IAM's XML namespace. */
    static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private IamXml() {
    }

    private static String x(String s) {
        return SigV4ErrorMapper.xml(s);
    }

    private static String metadata() {
        return "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>";
    }

    private static String open(String action) {
        return "<" + action + "Response xmlns=\"" + NAMESPACE + "\">";
    }

    /** CreateAccessKeyResponse: the one answer that holds the secret. */
    static String created(AccessKeyService.Created c) {
        AccessKeyEntity k = c.key();
        return open("CreateAccessKey") + "<CreateAccessKeyResult><AccessKey><UserName>" + x(k.userName)
                + "</UserName><AccessKeyId>" + k.accessKeyId + "</AccessKeyId><Status>" + k.status
                + "</Status><SecretAccessKey>" + x(c.secret()) + "</SecretAccessKey><CreateDate>" + k.createdAt
                + "</CreateDate></AccessKey></CreateAccessKeyResult>" + metadata() + "</CreateAccessKeyResponse>";
    }

    /** ListAccessKeysResponse (never truncated: a principal has at most two keys). */
    static String listed(String userName, List<AccessKeyEntity> keys) {
        StringBuilder b = new StringBuilder(open("ListAccessKeys")).append("<ListAccessKeysResult><UserName>")
                .append(x(userName)).append("</UserName><AccessKeyMetadata>");
        for (AccessKeyEntity k : keys) {
            b.append("<member><UserName>").append(x(k.userName)).append("</UserName><AccessKeyId>")
                    .append(k.accessKeyId).append("</AccessKeyId><Status>").append(k.status).append("</Status><CreateDate>")
                    .append(k.createdAt).append("</CreateDate></member>");
        }
        return b.append("</AccessKeyMetadata><IsTruncated>false</IsTruncated></ListAccessKeysResult>").append(metadata())
                .append("</ListAccessKeysResponse>").toString();
    }

    /** The answer of an action without a result (UpdateAccessKey, DeleteAccessKey). */
    static String done(String action) {
        return open(action) + metadata() + "</" + action + "Response>";
    }

    /** IAM's ErrorResponse of {@code e}. */
    static String error(IamError e) {
        return "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>Sender</Type><Code>" + x(e.code())
                + "</Code><Message>" + x(e.getMessage()) + "</Message></Error><RequestId>" + UUID.randomUUID()
                + "</RequestId></ErrorResponse>";
    }
}
