import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { lowerThreadPriority } from '../../src/kafka/threads/threadPriority';

describe('lowerThreadPriority', () => {
  it('leaves the main thread (the whole extension host) alone', () => {
    const before = os.getPriority();
    assert.strictEqual(lowerThreadPriority(5), undefined);
    assert.strictEqual(os.getPriority(), before);
  });

  it('on Linux, lowers only the worker thread that asks', async function () {
    if (process.platform !== 'linux') {
      this.skip();
    }
    const module = path.resolve(__dirname, '../../src/kafka/threads/threadPriority.js');
    const worker = new Worker(
      `const { parentPort } = require('worker_threads');
       const nice = require(${JSON.stringify(module)}).lowerThreadPriority(5);
       const thread = require('fs').readlinkSync('/proc/thread-self').split('/').pop();
       parentPort.postMessage({ nice, thread });
       setTimeout(() => {}, 2000);`,
      { eval: true },
    );
    try {
      const { nice, thread } = await new Promise<{ nice: number; thread: string }>((resolve) => worker.once('message', resolve));
      const niceOf = (task: string) => {
        const stat = fs.readFileSync(`/proc/${process.pid}/task/${task}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      };
      assert.strictEqual(nice, Math.min(19, os.getPriority() + 5));
      assert.strictEqual(niceOf(thread), nice);
      assert.strictEqual(niceOf(String(process.pid)), os.getPriority(), 'the main thread keeps its priority');
    } finally {
      await worker.terminate();
    }
  });
});
