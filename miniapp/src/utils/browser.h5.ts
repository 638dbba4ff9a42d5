// The browser's own objects (XHR, Blob, the document), for the web build: Taro builds this file for
// h5 in place of browser.ts, so none of it reaches WeChat.
import { pressWithKeys } from './a11y';

/** What a transfer answered: its HTTP status and body. */
export interface Answered<B> {
  status: number;
  body: B;
}

/**
 * POSTs `file` as the multipart field `file`, reporting how much is sent as a fraction in [0, 1].
 * Taro.uploadFile on h5 reads the file back from its blob: URL with an XHR, which the server's
 * Content-Security-Policy (connect-src 'self') blocks; the File itself is at hand, so it is sent.
 * Rejects when the network fails or the time runs out.
 */
export function postFile(
  url: string,
  header: Record<string, string>,
  file: Blob,
  fallbackName: string,
  timeoutMs: number,
  onProgress?: (fraction: number) => void,
): Promise<Answered<string>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(header)) xhr.setRequestHeader(name, value);
    xhr.timeout = timeoutMs;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
    xhr.onerror = () => reject(new Error('network'));
    xhr.ontimeout = () => reject(new Error('timeout'));
    const form = new FormData();
    form.append('file', file, file instanceof File ? file.name : fallbackName);
    xhr.send(form);
  });
}

/** GETs `url` as a Blob (a link cannot send the bearer token). Rejects as `postFile` does. */
export function fetchFile(url: string, header: Record<string, string>, timeoutMs: number): Promise<Answered<Blob>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    for (const [name, value] of Object.entries(header)) xhr.setRequestHeader(name, value);
    xhr.responseType = 'blob';
    xhr.timeout = timeoutMs;
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response as Blob });
    xhr.onerror = () => reject(new Error('network'));
    xhr.ontimeout = () => reject(new Error('timeout'));
    xhr.send();
  });
}

/** Hands `content` to the browser's own save, as a file of `type` named `fileName`. */
export function saveFile(content: Blob | string, type: string, fileName: string): void {
  const href = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the file by then; the blob need not live with the page.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** The browser's print dialog. */
export function printPage(): void {
  window.print();
}

/** Enter and Space press the focused control (see `pressWithKeys`): once, when the web app starts. */
export function listenForKeys(): void {
  pressWithKeys(document);
}
