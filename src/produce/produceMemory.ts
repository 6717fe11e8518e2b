import type * as vscode from 'vscode';
import type { InputFormat, KeySource } from '../kafka/produce/records';

export interface ProduceTarget {
  clusterId: string;
  topic: string;
}

/** What the user chose for one document, offered again next time. */
export interface DocumentChoices {
  target?: ProduceTarget;
  /** A format the user picked over the detected one. */
  format?: InputFormat;
  /** For plain text: one record, or one per line. */
  textMode?: 'text' | 'text-lines';
  key?: KeySource;
  /** As typed: `name=value, …`. */
  headers?: string;
}

const documentsKey = 'kafka.produce.documents';
const recentKey = 'kafka.produce.recentTargets';
const maxDocuments = 200;
const maxRecent = 10;

/** Remembers produce choices per document and the recent targets, in the workspace's state. */
export class ProduceMemory {
  constructor(private readonly state: vscode.Memento) {}

  forDocument(uri: vscode.Uri): DocumentChoices {
    return this.documents()[uri.toString()] ?? {};
  }

  async rememberDocument(uri: vscode.Uri, choices: DocumentChoices): Promise<void> {
    const documents = this.documents();
    delete documents[uri.toString()];
    documents[uri.toString()] = { ...choices };
    // Insertion order is recency order: drop the oldest documents beyond the cap.
    const keys = Object.keys(documents);
    for (const key of keys.slice(0, Math.max(0, keys.length - maxDocuments))) {
      delete documents[key];
    }
    await this.state.update(documentsKey, documents);
  }

  /** Targets used lately, most recent first. */
  recentTargets(): ProduceTarget[] {
    return this.state.get<ProduceTarget[]>(recentKey, []);
  }

  async rememberTarget(target: ProduceTarget): Promise<void> {
    const recent = this.recentTargets().filter((t) => t.clusterId !== target.clusterId || t.topic !== target.topic);
    await this.state.update(recentKey, [target, ...recent].slice(0, maxRecent));
  }

  private documents(): Record<string, DocumentChoices> {
    return { ...this.state.get<Record<string, DocumentChoices>>(documentsKey, {}) };
  }
}
