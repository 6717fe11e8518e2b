export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface ClusterAuth {
  mechanism: 'none' | SaslMechanism;
  /** Set for SASL; the password is in SecretStorage. */
  username?: string;
}

export interface ClusterTls {
  enabled: boolean;
  /** PEM file of the CA(s) that signed the brokers' certificates; the system's CAs when absent. */
  caFile?: string;
  /** PEM client certificate and key for mutual TLS; the key's passphrase is in SecretStorage. */
  certFile?: string;
  keyFile?: string;
  /** false only when the user chose "don't verify the server certificate". */
  rejectUnauthorized?: boolean;
}

/** A saved cluster as it appears in the `kafka.clusters` setting: never holds a secret. */
export interface ClusterConfig {
  id: string;
  name: string;
  bootstrapServers: string;
  auth?: ClusterAuth;
  tls?: ClusterTls;
}
