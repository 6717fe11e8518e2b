/** "a=1, b=2" → { a: '1', b: '2' }; values may contain "=" but not ",". */
export function parseConfigs(text: string): { configs: Record<string, string> } | { error: string } {
  const configs: Record<string, string> = {};
  for (const part of text.split(',').map((entry) => entry.trim()).filter(Boolean)) {
    const at = part.indexOf('=');
    const key = at > 0 ? part.slice(0, at).trim() : '';
    if (!key || !/^[a-z0-9._-]+$/i.test(key)) {
      return { error: `"${part}" is not key=value (for example cleanup.policy=compact).` };
    }
    if (key in configs) {
      return { error: `${key} is given twice.` };
    }
    configs[key] = part.slice(at + 1).trim();
  }
  return { configs };
}
