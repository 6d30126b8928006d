/**
 * Log sources per tenant (issue 15 item 1): where Vigil reads a tenant's logs the way AWS delivers them (S3 with SQS
 * notifications, S3 polling, Firehose). The API ({@link dev.vigil.accounts.sources.LogSourceResource}) stores them
 * in PostgreSQL with credentials sealed by the operator's stack key, publishes each committed change on
 * {@code vigil.log-sources.v1} for the reader (ingest-service), and shows the reader's reports from
 * {@code vigil.log-sources.status.v1}.
 */
package dev.vigil.accounts.sources;
