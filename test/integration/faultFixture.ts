import * as net from 'net';
import type { KafkaLogger, LogLevel } from '../../src/kafka/connect/log';

/** A KafkaLogger that keeps every line, as the "Kafka" log channel would show it. */
export class RecordingLogger implements KafkaLogger {
  readonly lines: string[] = [];

  log(level: LogLevel, message: string): void {
    this.lines.push(`[${level}] ${message}`);
  }

  text(): string {
    return this.lines.join('\n');
  }
}

/**
 * A TCP server on 127.0.0.1 that is not Kafka: 'silent' accepts and never answers (a hung broker);
 * 'close' drops each connection as soon as a request arrives (a broker that dies mid-request).
 */
export class FakeBroker {
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | undefined;
  /** Requests received (bytes of the first chunk per connection). */
  requests = 0;

  constructor(private readonly mode: 'silent' | 'close') {}

  async start(): Promise<string> {
    this.server = net.createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      socket.on('data', () => {
        this.requests++;
        if (this.mode === 'close') {
          socket.destroy();
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.sockets.forEach((socket) => socket.destroy());
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A 127.0.0.1 port nobody listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs `work` and returns how long it took and what it threw (fails if it did not throw). */
export async function failure(work: () => Promise<unknown>): Promise<{ error: Error; ms: number }> {
  const started = Date.now();
  try {
    await work();
  } catch (error) {
    return { error: error as Error, ms: Date.now() - started };
  }
  throw new Error(`expected a failure, but it succeeded after ${Date.now() - started} ms`);
}
