/**
 * Logs delivered the way AWS delivers them (issue 15): log sources created through the API, objects put in an
 * S3-compatible bucket with the S3 event notification sent to an SQS-compatible queue, and Firehose HTTP endpoint
 * deliveries; used by {@code ./vigil demo} and the end-to-end suite.
 */
package dev.vigil.e2e.sources;
