import { createDummyVerifier, hashPassword, needsRehash, verifyPassword } from '../../platform/password-hash';

// Cheap parameters keep the unit test fast; the format and the rules are the same as with the defaults.
const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashing (scrypt, ASVS 2.4)', () => {
  it('stores a self-describing hash with a per-user salt, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery staple', cheap);
    const b = await hashPassword('correct horse battery staple', cheap);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    await expect(verifyPassword('correct horse battery staple', a)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapl', a)).resolves.toBe(false);
    await expect(verifyPassword('', a)).resolves.toBe(false);
  });

  it('verifies a hash made with other parameters, and asks for a rehash when they are weaker than the current', async () => {
    const old = await hashPassword('passphrase of old', { N: 2 ** 9, r: 8, p: 1 });
    await expect(verifyPassword('passphrase of old', old)).resolves.toBe(true);
    expect(needsRehash(old, cheap)).toBe(true);
    expect(needsRehash(await hashPassword('x', cheap), cheap)).toBe(false);
  });

  it('never matches an unreadable stored hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$0$8$1$aa$bb', 'bcrypt$10$x$y$z$w', 'scrypt$1024$8$1$aa'])
      await expect(verifyPassword('plain', stored)).resolves.toBe(false);
    expect(needsRehash('plain', cheap)).toBe(true);
  });

  it('normalizes Unicode, so the same password typed on another keyboard still matches', async () => {
    const stored = await hashPassword('Ａｂｃ密码１２３４５６７８', cheap);
    await expect(verifyPassword('Abc密码12345678', stored)).resolves.toBe(true);
  });

  it('answers false for an unknown account after a real scrypt check (no shortcut to time)', async () => {
    const dummy = createDummyVerifier(cheap);
    await expect(dummy('anything')).resolves.toBe(false);
  });
});
