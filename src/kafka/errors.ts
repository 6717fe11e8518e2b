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
  const message = root instanceof Error ? root.message : String(root);
  const hint = connectionHint(root, message);
  return new KafkaOperationError(`${prefix}: ${message}${hint ? ` ${hint}` : ''}`, type, { cause: error });
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
  if (/self[- ]signed|unable to verify|certificate/i.test(message)) {
    return "The server's TLS certificate is not trusted: give the cluster's CA file (Edit Cluster).";
  }
  if (/SASL|authenticat/i.test(message)) {
    return 'Check the user name, password and SASL mechanism (Edit Cluster).';
  }
  if ((root as { name?: unknown })?.name === 'KafkaJSConnectionClosedError' || /Closed connection|ECONNRESET/i.test(message)) {
    return 'The broker closed the connection: check whether the cluster needs TLS or SASL (Edit Cluster).';
  }
  return undefined;
}
