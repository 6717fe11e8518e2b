/**
 * Element helpers. Message data (keys, values, headers, topic names) is untrusted: it only ever
 * reaches the page as text (textContent / text nodes), never as HTML.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; title?: string; attrs?: Record<string, string> } = {},
  ...children: (Node | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) {
    element.className = props.className;
  }
  if (props.text !== undefined) {
    element.textContent = props.text;
  }
  if (props.title !== undefined) {
    element.title = props.title;
  }
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child) {
      element.appendChild(child);
    }
  }
  return element;
}

/** A codicon glyph (decorative). */
export function icon(name: string): HTMLElement {
  return el('span', { className: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
}

/** A toolbar button with a codicon and an accessible label. */
export function iconButton(name: string, label: string, options: { text?: string; id?: string } = {}): HTMLButtonElement {
  const button = el('button', { className: 'icon-button', title: label, attrs: { 'aria-label': label, type: 'button' } }, icon(name));
  if (options.text) {
    button.appendChild(el('span', { className: 'label', text: options.text }));
  }
  if (options.id) {
    button.id = options.id;
  }
  return button;
}

export function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) {
    throw new Error(`#${id} missing from the panel's page`);
  }
  return found as T;
}
