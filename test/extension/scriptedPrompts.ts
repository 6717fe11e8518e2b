import * as assert from 'assert';
import type * as vscode from 'vscode';
import type { Prompts } from '../../src/ui/prompts';

/** One expected question and the answer a user would give. */
export type Step =
  | { input: RegExp; answer: string | undefined; expectInvalid?: { value: string; message: RegExp }[] }
  | { pick: RegExp; answer: string | undefined }
  | { pickMany: RegExp; answer: string[] | undefined }
  | { confirm: RegExp; answer: boolean; detail?: RegExp }
  | { openFile: RegExp; answer: string | undefined };

/** What was asked, for assertions about wording. */
export interface Asked {
  kind: string;
  text: string;
  detail?: string;
  items?: string[];
}

/**
 * Answers the commands' questions from a script, in order, and fails the test on any unexpected
 * question. Inputs are checked against the command's own validateInput, as VS Code would.
 */
export class ScriptedPrompts implements Prompts {
  readonly asked: Asked[] = [];
  readonly infos: string[] = [];
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  private readonly steps: Step[];

  constructor(steps: Step[]) {
    this.steps = [...steps];
  }

  /** Fails when the command did not ask everything the script expected. */
  assertDone(): void {
    assert.deepStrictEqual(this.steps, [], `unasked steps left; asked: ${JSON.stringify(this.asked, null, 1)}`);
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const text = `${options.title ?? ''} | ${options.prompt ?? ''}`;
    this.asked.push({ kind: 'input', text });
    const step = this.next('input', text) as Extract<Step, { input: RegExp }>;
    for (const invalid of step.expectInvalid ?? []) {
      const problem = await validation(options, invalid.value);
      assert.ok(problem, `"${invalid.value}" should be refused by: ${text}`);
      assert.match(problem.message, invalid.message);
    }
    if (step.answer !== undefined) {
      const problem = await validation(options, step.answer);
      assert.ok(problem === undefined || problem.severity === 'warning', `"${step.answer}" refused by "${text}": ${problem?.message}`);
    }
    return step.answer;
  }

  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    const text = `${options.title ?? ''} | ${options.placeHolder ?? ''}`;
    this.asked.push({ kind: 'pick', text, items: items.map((item) => item.label) });
    const step = this.next('pick', text) as Extract<Step, { pick: RegExp }>;
    if (step.answer === undefined) {
      return undefined;
    }
    const item = items.find((candidate) => candidate.label === step.answer);
    assert.ok(item, `no item "${step.answer}" in ${items.map((candidate) => candidate.label).join(' | ')}`);
    return item;
  }

  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T[] | undefined> {
    const text = `${options.title ?? ''} | ${options.placeHolder ?? ''}`;
    this.asked.push({ kind: 'pickMany', text, items: items.map((item) => item.label) });
    const step = this.next('pickMany', text) as Extract<Step, { pickMany: RegExp }>;
    if (step.answer === undefined) {
      return undefined;
    }
    return step.answer.map((label) => {
      const item = items.find((candidate) => candidate.label === label);
      assert.ok(item, `no item "${label}" in ${items.map((candidate) => candidate.label).join(' | ')}`);
      return item;
    });
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    this.asked.push({ kind: 'confirm', text: `${message} [${action}]`, detail });
    const step = this.next('confirm', message) as Extract<Step, { confirm: RegExp }>;
    if (step.detail) {
      assert.match(detail, step.detail);
    }
    return step.answer;
  }

  async openFile(options: vscode.OpenDialogOptions): Promise<string | undefined> {
    const text = options.title ?? '';
    this.asked.push({ kind: 'openFile', text });
    return (this.next('openFile', text) as Extract<Step, { openFile: RegExp }>).answer;
  }

  info(message: string): void {
    this.infos.push(message);
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  error(message: string): void {
    this.errors.push(message);
  }

  private next(kind: string, text: string): Step {
    const step = this.steps.shift();
    assert.ok(step, `unexpected ${kind}: ${text}`);
    assert.ok(kind in step, `expected ${Object.keys(step)[0]} ${String(Object.values(step)[0])}, got ${kind}: ${text}`);
    const pattern = (step as Record<string, unknown>)[kind] as RegExp;
    assert.match(text, pattern);
    return step;
  }
}

async function validation(options: vscode.InputBoxOptions, value: string): Promise<{ message: string; severity: 'error' | 'warning' } | undefined> {
  const result = await options.validateInput?.(value);
  if (result === undefined || result === null || result === '') {
    return undefined;
  }
  if (typeof result === 'string') {
    return { message: result, severity: 'error' };
  }
  // InputBoxValidationSeverity: Info = 1, Warning = 2, Error = 3.
  return { message: result.message, severity: result.severity === 3 ? 'error' : 'warning' };
}
