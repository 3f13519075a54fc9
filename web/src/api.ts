/**
 * Talking to the storm center: JSON over fetch with the bearer token when the center needs one, and the
 * live feed read from a streaming fetch (EventSource cannot send an Authorization header).
 */
const TOKEN_KEY = 'kstorm-token';

export class Unauthorised extends Error {}

export function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value: string): void {
  sessionStorage.setItem(TOKEN_KEY, value);
}

function headers(): HeadersInit {
  const t = token();
  return t ? { authorization: `Bearer ${t}` } : {};
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: headers() });
  if (response.status === 401) throw new Unauthorised('The center needs a bearer token.');
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export async function download(path: string, filename: string): Promise<void> {
  const response = await fetch(path, { headers: headers() });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  saveFile(await response.text(), 'application/stix+json', filename);
}

/** Hands `content` to the browser as a file download. */
export function saveFile(content: string, type: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Calls `onEvent(type)` for every server-sent event until `signal` aborts; reconnects after a drop. */
export async function follow(onEvent: (type: string) => void, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      const response = await fetch('/api/v1/events', { headers: headers(), signal });
      if (!response.ok || !response.body) throw new Error(`feed: HTTP ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const type = /^event: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          if (type) onEvent(type);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}
