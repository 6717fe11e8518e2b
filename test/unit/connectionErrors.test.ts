// The error shapes here are the ones kafkajs 2.2.4 produced against the real SCRAM/TLS broker
// (test/integration/security.test.ts proves the same against the broker itself).
import * as assert from 'assert';
import { explainKafkaError, kafkaFailureReason } from '../../src/kafka/connect/errors';
import { TimeoutError } from '../../src/kafka/connect/timeout';

const context = { action: 'list topics', cluster: 'cluster "secure"' };

function named(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, ...extra });
}

/** kafkajs: KafkaJSNumberOfRetriesExceeded whose cause is the connection error. */
function afterRetries(cause: Error): Error {
  return named('KafkaJSNumberOfRetriesExceeded', cause.message, { cause });
}

function connectionError(message: string, code?: string): Error {
  return afterRetries(named('KafkaJSConnectionError', message, { code }));
}

describe('connection and security errors', () => {
  it('an untrusted certificate says "not trusted" and asks for the CA file', () => {
    const error = connectionError('Connection error: self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN');
    const { message } = explainKafkaError(error, context);
    assert.match(message, /^Could not list topics on cluster "secure": the broker's TLS certificate is not trusted \(self-signed certificate in certificate chain\)/);
    assert.match(message, /CA file \(Edit Cluster\)/);
  });

  it('a host name mismatch is named as such, not as an untrusted certificate', () => {
    const error = connectionError(
      "Connection error: Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: ",
      'ERR_TLS_CERT_ALTNAME_INVALID',
    );
    const { message } = explainKafkaError(error, context);
    assert.match(message, /host name mismatch: .*\(IP: 127\.0\.0\.1\)/);
    assert.doesNotMatch(message, /not trusted/);
  });

  it("a refused client certificate says so instead of OpenSSL's alert text", () => {
    const error = connectionError(
      'Connection error: 80FC62B0C47F0000:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 42\n',
      'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
    );
    const { message } = explainKafkaError(error, context);
    assert.match(message, /refused the TLS connection \(TLS alert: bad certificate\): it wants a client certificate/);
    assert.doesNotMatch(message, /rec_layer_s3/);
  });

  it('a key that does not decrypt points at the passphrase', () => {
    const error = afterRetries(named('KafkaJSConnectionError', 'Failed to connect: error:1C800064:Provider routines::bad decrypt'));
    assert.match(explainKafkaError(error, context).message, /cannot read the client key: its passphrase is wrong or missing/);
    // Sometimes the wrong passphrase gets past the padding check and the decoder fails instead.
    const decoder = afterRetries(named('KafkaJSConnectionError', 'Failed to connect: error:1E08010C:DECODER routines::unsupported'));
    assert.match(explainKafkaError(decoder, context).message, /passphrase is wrong or missing, or the file is not a PEM private key/);
  });

  it('TLS against a port without TLS says the port probably does not use TLS', () => {
    const error = connectionError('Connection error: Client network socket disconnected before secure TLS connection was established', 'ECONNRESET');
    assert.match(explainKafkaError(error, context).message, /probably does not use TLS/);
  });

  it('a SASL failure says "authentication failed" and keeps the broker\'s words', () => {
    const error = named(
      'KafkaJSSASLAuthenticationError',
      'SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512',
    );
    const { message } = explainKafkaError(error, context);
    assert.match(message, /: authentication failed \(SASL SCRAM SHA512 .* invalid credentials .*\)\. Check the user name, password/);
  });

  it("an unsupported SASL mechanism is explained from the broker's error type", () => {
    const error = named('KafkaJSProtocolError', 'The broker does not support the requested SASL mechanism', { type: 'UNSUPPORTED_SASL_MECHANISM' });
    assert.match(explainKafkaError(error, context).message, /does not offer this SASL mechanism/);
  });

  it('drops kafkajs\'s "config.brokers" wrapper around what createKafka threw', () => {
    const error = named('KafkaJSConnectionError', 'Failed to connect: "config.brokers" threw: no password is stored for this cluster. Set it with "Kafka: Edit Cluster".');
    assert.strictEqual(
      explainKafkaError(error, context).message,
      'Could not list topics on cluster "secure": no password is stored for this cluster. Set it with "Kafka: Edit Cluster".',
    );
  });

  it('a broker that stops answering or closes the connection gets a hint, with a full stop before it', () => {
    assert.match(
      explainKafkaError(connectionError('Broker not connected'), context).message,
      /: Broker not connected\. The broker does not answer/,
    );
    assert.match(
      explainKafkaError(named('KafkaJSConnectionClosedError', 'Closed connection'), context).message,
      /: Closed connection\. The broker closed the connection: it may have stopped/,
    );
  });

  it('kafkaFailureReason: the same reason as one capitalised sentence; own errors unchanged', () => {
    const untrusted = connectionError('Connection error: self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN');
    assert.match(kafkaFailureReason(untrusted), /^The broker's TLS certificate is not trusted/);
    const timeout = new TimeoutError('Could not connect within 5 ms.');
    assert.strictEqual(kafkaFailureReason(timeout), timeout.message);
    assert.strictEqual(kafkaFailureReason(new Error('Topic "x" does not exist (any more).')), 'Topic "x" does not exist (any more).');
  });
});
