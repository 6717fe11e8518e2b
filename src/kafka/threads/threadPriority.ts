import * as fs from 'fs';
import * as os from 'os';

/**
 * Lowers the calling worker thread's scheduling priority by `steps` nice levels, so that on a busy
 * machine the editor's UI gets the cores first and a tail takes what is left. Linux only: there a
 * thread is a task with a nice value of its own; elsewhere setpriority would lower the whole
 * extension host, so nothing happens. Returns the thread's new nice value, or undefined.
 */
export function lowerThreadPriority(steps: number): number | undefined {
  if (process.platform !== 'linux') {
    return undefined;
  }
  try {
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId === process.pid) {
      return undefined; // the process's main thread: that would be the whole extension host's
    }
    const nice = Math.min(19, os.getPriority(threadId) + steps);
    os.setPriority(threadId, nice);
    return nice;
  } catch {
    return undefined;
  }
}
