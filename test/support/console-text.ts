import fs from 'node:fs';
import path from 'node:path';

export type Lang = 'zh-CN' | 'en';

/** The console's own message catalogues, so tests find elements by what people read in either language. */
const i18nDir = path.join(__dirname, '../../console/src/i18n');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

/** The shell's catalogue with each features/<namespace>.<lang>.json under its namespace, as catalogues.ts builds it. */
function catalogue(lang: Lang): Record<string, unknown> {
  const merged = readJson(path.join(i18nDir, `${lang}.json`));
  const suffix = `.${lang}.json`;
  for (const file of fs.readdirSync(path.join(i18nDir, 'features')).filter((f) => f.endsWith(suffix)))
    merged[file.slice(0, -suffix.length)] = readJson(path.join(i18nDir, 'features', file));
  return merged;
}

const catalogues: Record<Lang, unknown> = { 'zh-CN': catalogue('zh-CN'), en: catalogue('en') };

/** What `t(key, vars)` shows in `lang`: nested keys with dots, `_one`/`_other` by `count`, `{{name}}` filled in. */
export function text(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const lookup = (k: string) =>
    k
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogues[lang]);
  const plural = typeof vars.count === 'number' ? `${key}_${vars.count === 1 && lang === 'en' ? 'one' : 'other'}` : key;
  const found = lookup(plural) ?? lookup(key);
  if (typeof found !== 'string') throw new Error(`no message ${key} in the console's ${lang} catalogue`);
  return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`message ${key} needs {{${name}}}`);
    return String(vars[name]);
  });
}
