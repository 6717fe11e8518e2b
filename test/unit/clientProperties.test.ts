import * as assert from 'assert';
import { parseClientProperties, parseJaas } from '../../src/kafka/connect/clientProperties';

describe('parseClientProperties (Kafka client.properties → cluster settings)', () => {
  it('takes over SASL_SSL with SCRAM, the JAAS credentials and a PEM CA', () => {
    const parsed = parseClientProperties(
      [
        '# a comment',
        'bootstrap.servers=b1.example.com:9093, b2.example.com:9093',
        'security.protocol=SASL_SSL',
        'sasl.mechanism=SCRAM-SHA-512',
        'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\',
        '    username="alice" \\',
        '    password="s3cr\\\\"et";',
        'ssl.truststore.type=PEM',
        'ssl.truststore.location=/etc/kafka/ca.pem',
      ].join('\n'),
    );
    assert.deepStrictEqual(parsed, {
      bootstrapServers: 'b1.example.com:9093,b2.example.com:9093',
      sasl: { mechanism: 'scram-sha-512', username: 'alice', password: 's3cr"et' },
      tls: { caFile: '/etc/kafka/ca.pem' },
      missing: [],
      unsupported: [],
    });
  });

  it('reads librdkafka-style PEM locations and a PEM keystore for mutual TLS', () => {
    assert.deepStrictEqual(
      parseClientProperties('bootstrap.servers=k:9093\nsecurity.protocol=SSL\nssl.ca.location=ca.pem\nssl.certificate.location=client.pem\nssl.key.location=client.key\nssl.key.password=pw').tls,
      { caFile: 'ca.pem', certFile: 'client.pem', keyFile: 'client.key', keyPassphrase: 'pw' },
    );
    assert.deepStrictEqual(
      parseClientProperties('bootstrap.servers=k:9093\nsecurity.protocol=SSL\nssl.keystore.type=PEM\nssl.keystore.location=/k/client-chain-and-key.pem').tls,
      { certFile: '/k/client-chain-and-key.pem', keyFile: '/k/client-chain-and-key.pem' },
    );
  });

  it('names JKS stores, unknown mechanisms and unrelated settings instead of dropping them', () => {
    const parsed = parseClientProperties(
      ['bootstrap.servers=k:9093', 'security.protocol=SASL_SSL', 'sasl.mechanism=OAUTHBEARER', 'ssl.truststore.location=/t.jks', 'ssl.truststore.password=changeit', 'acks=all', 'foo.bar=1'].join('\n'),
    );
    assert.strictEqual(parsed.sasl, undefined);
    assert.strictEqual(parsed.unsupported.length, 4, parsed.unsupported.join('\n'));
    assert.match(parsed.unsupported[0], /^sasl\.mechanism=OAUTHBEARER: only PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512/);
    assert.match(parsed.unsupported[1], /^ssl\.truststore\.location: JKS truststores cannot be read; export the CA certificate as PEM/);
    assert.match(parsed.unsupported[2], /^acks: a producer\/consumer setting/);
    assert.match(parsed.unsupported[3], /^foo\.bar: not supported/);
  });

  it("defaults SASL to Kafka's GSSAPI (unsupported) and lists what is missing", () => {
    const parsed = parseClientProperties('security.protocol=SASL_PLAINTEXT');
    assert.deepStrictEqual(parsed.missing, ['bootstrap.servers']);
    assert.match(parsed.unsupported[0], /GSSAPI is Kafka’s default/);
    const plain = parseClientProperties('bootstrap.servers=k:9092\nsecurity.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN');
    assert.deepStrictEqual(plain.sasl, { mechanism: 'plain', username: undefined, password: undefined });
    assert.deepStrictEqual(plain.missing, ['username', 'password']);
  });

  it('says TLS settings are ignored without a TLS security protocol, and refuses a bad bootstrap list', () => {
    const parsed = parseClientProperties('bootstrap.servers=nohostport\nssl.ca.location=/ca.pem');
    assert.deepStrictEqual(parsed.missing, ['bootstrap.servers']);
    assert.match(parsed.unsupported[0], /^bootstrap\.servers: "nohostport" is not host:port/);
    assert.match(parsed.unsupported[1], /^ssl\.ca\.location: ignored because security\.protocol is PLAINTEXT/);
    assert.strictEqual(parsed.tls, undefined);
  });

  it('parses JAAS lines with quoted and unquoted options', () => {
    assert.deepStrictEqual(parseJaas('org.apache.kafka.common.security.plain.PlainLoginModule required username=bob password="a b;c";'), {
      module: 'org.apache.kafka.common.security.plain.PlainLoginModule',
      username: 'bob',
      password: 'a b;c',
    });
    assert.deepStrictEqual(parseJaas('nonsense'), {});
  });
});
