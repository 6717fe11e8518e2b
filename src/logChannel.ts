import type * as vscode from 'vscode';
import { foldRepeats, type KafkaLogger } from './kafka/connect/log';

/** Routes the Kafka layer's log lines (kafkajs's included) to the "Kafka" log output channel, repeats folded. */
export function kafkaLoggerFor(channel: vscode.LogOutputChannel): KafkaLogger {
  return foldRepeats({
    log(level, message) {
      switch (level) {
        case 'error':
          channel.error(message);
          break;
        case 'warn':
          channel.warn(message);
          break;
        case 'info':
          channel.info(message);
          break;
        default:
          channel.debug(message);
      }
    },
  });
}
