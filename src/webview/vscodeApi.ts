import type { FromWebview, PanelState } from '../protocol';

interface WebviewApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): WebviewApi;

const api = acquireVsCodeApi();

/** The only way the page talks to the extension: one typed message at a time. */
export function post(message: FromWebview): void {
  api.postMessage(message);
}

/** Kept by VS Code across hide/show and window reloads; the panel serializer reads it back. */
export function saveState(state: PanelState): void {
  api.setState(state);
}
