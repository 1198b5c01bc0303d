/**
 * One Idempotency-Key per thing a person means to record: a retry of the same form with the same
 * content (after a lost connection, say) sends the same key, so the API records it once and answers
 * the retry with the first record. Changing the content is a new record with a new key. The key is
 * kept in sessionStorage, so reloading the page mid-retry keeps it too.
 */
export class IdempotencyKeys {
  constructor(private readonly scope: string) {}

  private storageKey() {
    return `carepact.idempotency.${this.scope}`;
  }

  keyFor(body: unknown): string {
    const content = JSON.stringify(body);
    const stored = this.read();
    if (stored && stored.content === content) return stored.key;
    const key = crypto.randomUUID();
    this.write({ content, key });
    return key;
  }

  /** After the API has answered with a record: the next submission is a new one. */
  settle(): void {
    try {
      sessionStorage.removeItem(this.storageKey());
    } catch {
      // Storage refused (private browsing): nothing was kept.
    }
  }

  private read(): { content: string; key: string } | undefined {
    try {
      const raw = sessionStorage.getItem(this.storageKey());
      return raw ? (JSON.parse(raw) as { content: string; key: string }) : undefined;
    } catch {
      return undefined;
    }
  }

  private write(value: { content: string; key: string }) {
    try {
      sessionStorage.setItem(this.storageKey(), JSON.stringify(value));
    } catch {
      // Without storage the key lasts as long as this page does.
    }
  }
}
