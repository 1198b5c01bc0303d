/**
 * Where to go after signing in. `next` comes from the address bar, so only a path inside the console is followed:
 * never another origin (`//evil.example`, `/\evil.example`, `https://…`), which would make sign-in an open redirect.
 */
export function safeNext(next: string | null): string {
  return next && /^\/(?![/\\])/.test(next) && !next.includes('\\') ? next : '/tasks';
}
