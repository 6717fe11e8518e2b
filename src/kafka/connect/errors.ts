import { TimeoutError } from './timeout';

/** An admin operation that failed, with a message that says what failed and what to do. */
export class KafkaOperationError extends Error {
  constructor(
    message: string,
    /** Kafka's error type (e.g. TOPIC_ALREADY_EXISTS) when the broker gave one. */
    readonly type?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KafkaOperationError';
  }
}

/** Plain facts for the messages: what was being done, on what. */
export interface ErrorContext {
  /** e.g. `create topic "orders"`. */
  action: string;
  /** e.g. `cluster "local"`. */
  cluster: string;
}

type Explainer = (context: ErrorContext) => string;

const authorization =
  (what: string): Explainer =>
  () =>
    `the cluster's ACLs do not allow this client to ${what}. Ask the cluster's administrator for that permission, or connect as a user who has it (Edit Cluster).`;

const explanations: Record<string, Explainer> = {
  TOPIC_AUTHORIZATION_FAILED: authorization('use this topic'),
  GROUP_AUTHORIZATION_FAILED: authorization('use this consumer group'),
  CLUSTER_AUTHORIZATION_FAILED: authorization('perform this cluster operation'),
  TOPIC_ALREADY_EXISTS: () => 'a topic with that name exists already. Choose another name, or refresh the tree to see it.',
  INVALID_REPLICATION_FACTOR: () =>
    'the replication factor must be at least 1 and no larger than the number of brokers in the cluster. Choose a smaller replication factor.',
  INVALID_PARTITIONS: () => 'the partition count is invalid: it must be at least 1 (and, when adding partitions, more than the topic has now).',
  INVALID_CONFIG: () => 'the broker rejected a config value. Check the value against the Kafka documentation for that config.',
  INVALID_TOPIC_EXCEPTION: () =>
    'the topic name is invalid: use at most 249 of a-z, A-Z, 0-9, ".", "_" and "-", and not "." or "..".',
  POLICY_VIOLATION: () => "the cluster's policy refused the request. Ask its administrator which values it allows.",
  TOPIC_DELETION_DISABLED: () =>
    'topic deletion is disabled on this cluster (delete.topic.enable=false). Ask its administrator to enable it.',
  NON_EMPTY_GROUP: () => 'the group still has active members. Stop its consumers, then try again.',
  GROUP_ID_NOT_FOUND: () => 'the group does not exist (any more). Refresh the tree.',
  UNKNOWN_TOPIC_OR_PARTITION: () => 'the topic or partition does not exist (any more). Refresh the tree.',
  SASL_AUTHENTICATION_FAILED: () =>
    'authentication failed. Check the user name, password and SASL mechanism (Edit Cluster).',
  UNSUPPORTED_SASL_MECHANISM: () =>
    'the broker does not offer this SASL mechanism. Choose the mechanism the cluster uses (Edit Cluster).',
  UNSUPPORTED_VERSION: () => 'the broker does not support this request version.',
  INVALID_REQUEST: () => 'the broker rejected the request as invalid. See the Kafka log for details.',
};

/** Turns whatever kafkajs threw into a `KafkaOperationError` that names the operation and suggests a fix. */
export function explainKafkaError(error: unknown, context: ErrorContext): Error {
  if (error instanceof KafkaOperationError || error instanceof TimeoutError) {
    return error;
  }
  const root = rootCause(error);
  const prefix = `Could not ${context.action} on ${context.cluster}`;
  const type = kafkaErrorType(error);
  const explain = type ? explanations[type] : undefined;
  if (explain) {
    return new KafkaOperationError(`${prefix}: ${explain(context)}`, type, { cause: error });
  }
  return new KafkaOperationError(`${prefix}: ${failureReason(root)}`, type, { cause: error });
}

/** What went wrong, as one sentence that starts with a capital: for places that have no action to name (a tail's status). */
export function kafkaFailureReason(error: unknown): string {
  if (error instanceof KafkaOperationError || error instanceof TimeoutError) {
    return error.message;
  }
  const type = kafkaErrorType(error);
  const explain = type ? explanations[type] : undefined;
  const reason = explain ? explain({ action: '', cluster: 'the cluster' }) : failureReason(rootCause(error));
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

function failureReason(root: unknown): string {
  // kafkajs wraps what a `brokers` function throws (createKafka reads secrets and PEM files there).
  const message = (root instanceof Error ? root.message : String(root)).replace(/^Failed to connect: "config\.brokers" threw: /, '');
  const specific = connectionProblem(root, message);
  if (specific) {
    return specific;
  }
  const hint = connectionHint(root, message);
  return hint ? `${withStop(message)} ${hint}` : message;
}

function withStop(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

// Node's certificate verification codes that mean "signed by nobody we trust".
const untrustedCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
]);

/**
 * TLS and SASL failures, each named for what it is; without this a host name mismatch read as "not trusted"
 * and OpenSSL's alert text was all a user got for a refused client certificate.
 */
function connectionProblem(root: unknown, message: string): string | undefined {
  const code = String((root as { code?: unknown })?.code ?? '');
  const detail = message.replace(/^(Connection error|Failed to connect): /, '').trim();
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /does not match certificate's altnames/.test(detail)) {
    const which = /altnames: (.*?)(?: is not in the cert's list.*)?$/.exec(detail)?.[1] ?? detail;
    return (
      `host name mismatch: the broker's TLS certificate is not issued for the address connected to (${which}). ` +
      'Use a bootstrap server name that the certificate names, or a certificate issued for this address.'
    );
  }
  if (untrustedCodes.has(code) || /self[- ]signed certificate|unable to (get|verify)/i.test(detail)) {
    return (
      `the broker's TLS certificate is not trusted (${detail}). ` +
      "Give the PEM file of the CA that signed the brokers' certificates as the CA file (Edit Cluster)."
    );
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return `the broker's TLS certificate is not valid now (${detail}). Ask the cluster's administrator to renew it.`;
  }
  const alert = /alert (bad certificate|certificate required|unknown ca|certificate unknown)/i.exec(detail)?.[1];
  if (alert) {
    return (
      `the broker refused the TLS connection (TLS alert: ${alert}): it wants a client certificate that it trusts. ` +
      'Set the client certificate and key (Edit Cluster).'
    );
  }
  // A wrong passphrase usually fails the padding check ("bad decrypt"); when the padding happens to pass,
  // decoding the garbage fails instead ("DECODER routines::unsupported"), as for a file that is not a key.
  if (code === 'ERR_OSSL_BAD_DECRYPT' || /bad decrypt|DECODER routines::unsupported/i.test(detail)) {
    return (
      "cannot read the client key: its passphrase is wrong or missing, or the file is not a PEM private key. Set the key's passphrase " +
      'or choose the right key file (Edit Cluster).'
    );
  }
  if (/before secure TLS connection was established/i.test(detail)) {
    return (
      'the connection closed during the TLS handshake: this port probably does not use TLS. ' +
      "Turn TLS off for this cluster, or use the brokers' TLS port (Edit Cluster)."
    );
  }
  if ((root as { name?: unknown })?.name === 'KafkaJSSASLAuthenticationError') {
    return `authentication failed (${detail}). Check the user name, password and SASL mechanism (Edit Cluster).`;
  }
  return undefined;
}

/** Kafka's error type (TOPIC_ALREADY_EXISTS, ...) of whatever kafkajs threw, if the broker gave one. */
export function kafkaErrorType(error: unknown): string | undefined {
  const root = rootCause(error) as { type?: unknown } | undefined;
  return typeof root?.type === 'string' ? root.type : undefined;
}

/** kafkajs wraps the broker's answer in retry and aggregate errors; the innermost one says what happened. */
export function rootCause(error: unknown): unknown {
  let current: any = error;
  for (let depth = 0; depth < 10 && current; depth++) {
    if (Array.isArray(current.errors) && current.errors.length > 0) {
      current = current.errors[0];
    } else if (Array.isArray(current.groups) && current.groups[0]?.error) {
      current = current.groups[0].error;
    } else if (current.name === 'KafkaJSNumberOfRetriesExceeded' && current.cause) {
      current = current.cause;
    } else if (current.originalError) {
      current = current.originalError;
    } else {
      break;
    }
  }
  return current;
}

function connectionHint(root: unknown, message: string): string | undefined {
  const code = (root as { code?: unknown })?.code;
  if (code === 'ECONNREFUSED' || /ECONNREFUSED|Connection refused/i.test(message)) {
    return 'Check that the broker is running and the bootstrap servers are right.';
  }
  if (code === 'ENOTFOUND' || /ENOTFOUND|getaddrinfo/.test(message)) {
    return 'The host name does not resolve: check the bootstrap servers.';
  }
  if (['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(String(code)) || /Connection timeout|EHOSTUNREACH|ENETUNREACH/i.test(message)) {
    return 'The host does not answer: check the bootstrap servers, the network and any firewall.';
  }
  if (/certificate/i.test(message)) {
    return 'Check the TLS settings: CA file, client certificate and key (Edit Cluster).';
  }
  if (/SASL|authenticat/i.test(message)) {
    return 'Check the user name, password and SASL mechanism (Edit Cluster).';
  }
  if ((root as { name?: unknown })?.name === 'KafkaJSConnectionClosedError' || /Closed connection|ECONNRESET/i.test(message)) {
    return 'The broker closed the connection: it may have stopped, or the cluster needs TLS or SASL (Edit Cluster).';
  }
  if ((root as { name?: unknown })?.name === 'KafkaJSRequestTimeoutError' || /Broker not connected|Request .* timed out/i.test(message)) {
    return 'The broker does not answer: check that it is running, and whether the cluster needs TLS or SASL (Edit Cluster).';
  }
  return undefined;
}
