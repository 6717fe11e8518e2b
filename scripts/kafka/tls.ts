// Throwaway PKI for a test broker, made with Debian's openssl: a CA, broker certificates, a client certificate.
import { execFile } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';

const execFileAsync = promisify(execFile);

/** Host name in the certificate of the "wrong host" listener; .invalid never resolves (RFC 2606). */
export const WRONG_HOST_NAME = 'wrong-host.invalid';

export interface TlsMaterial {
  /** PEM of the CA that signed every certificate below; clients trust it to reach the brokers. */
  caFile: string;
  /** PEM of a second CA that signed nothing the brokers present: trusting only it must fail. */
  otherCaFile: string;
  /** Private key + chain for the brokers' listeners: SAN DNS:localhost, IP:127.0.0.1. */
  brokerKeystoreFile: string;
  /** Private key + chain whose only name is WRONG_HOST_NAME. */
  wrongHostKeystoreFile: string;
  /** Client certificate (PEM) and its key (PKCS#8, encrypted with `keyPassphrase`) for mutual TLS. */
  clientCertFile: string;
  clientKeyFile: string;
  keyPassphrase: string;
  /** The client key unencrypted, with the certificate chain: a keystore for Kafka's console tools. */
  clientKeystoreFile: string;
}

async function openssl(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<void> {
  try {
    await execFileAsync('openssl', args, { cwd, env: { ...process.env, ...env } });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`openssl ${args[0]} failed: ${err.stderr || err.message}`);
  }
}

// P-256 keys: generated in milliseconds (RSA takes long on a busy machine); Kafka's PEM keystore reads EC keys.
const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function makeCa(dir: string, name: string, cn: string): Promise<void> {
  await openssl(['req', '-x509', ...NEW_KEY, '-keyout', `${name}-key.pem`, '-out', `${name}.pem`, '-days', '7', '-subj', `/CN=${cn}`], dir);
}

/** A leaf certificate `name`.pem (key `name`-key.pem) signed by ca.pem, plus `name`-keystore.pem = key + leaf + CA. */
async function makeLeaf(dir: string, name: string, cn: string, extensions: string[]): Promise<void> {
  const ext = `${name}.ext`;
  fs.writeFileSync(path.join(dir, ext), [...extensions, 'basicConstraints=CA:FALSE', ''].join('\n'));
  await openssl(['req', '-new', ...NEW_KEY, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`], dir);
  await openssl([
    'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem',
    '-set_serial', `0x${crypto.randomBytes(8).toString('hex')}`, '-days', '7', '-out', `${name}.pem`, '-extfile', ext,
  ], dir);
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  fs.writeFileSync(path.join(dir, `${name}-keystore.pem`), read(`${name}-key.pem`) + read(`${name}.pem`) + read('ca.pem'));
}

/** Writes the PKI into `dir` (created if needed). */
export async function makeTlsMaterial(dir: string): Promise<TlsMaterial> {
  fs.mkdirSync(dir, { recursive: true });
  const keyPassphrase = `kp-${crypto.randomBytes(12).toString('hex')}`;
  await Promise.all([makeCa(dir, 'ca', 'Kafka Workbench Test CA'), makeCa(dir, 'other-ca', 'Some Other CA')]);
  await Promise.all([
    makeLeaf(dir, 'broker', 'localhost', ['subjectAltName=DNS:localhost,IP:127.0.0.1', 'extendedKeyUsage=serverAuth,clientAuth']),
    makeLeaf(dir, 'wrong-host', WRONG_HOST_NAME, [`subjectAltName=DNS:${WRONG_HOST_NAME}`, 'extendedKeyUsage=serverAuth,clientAuth']),
    makeLeaf(dir, 'client', 'kafka-workbench-client', ['extendedKeyUsage=clientAuth']),
  ]);
  // The client key as a user would have it: PKCS#8, AES-256 encrypted.
  await openssl(['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', 'client-key.pem', '-out', 'client-key.enc.pem', '-passout', 'env:KW_KEY_PASSPHRASE'], dir, {
    KW_KEY_PASSPHRASE: keyPassphrase,
  });
  const file = (f: string) => path.join(dir, f);
  return {
    caFile: file('ca.pem'),
    otherCaFile: file('other-ca.pem'),
    brokerKeystoreFile: file('broker-keystore.pem'),
    wrongHostKeystoreFile: file('wrong-host-keystore.pem'),
    clientCertFile: file('client.pem'),
    clientKeyFile: file('client-key.enc.pem'),
    keyPassphrase,
    clientKeystoreFile: file('client-keystore.pem'),
  };
}
