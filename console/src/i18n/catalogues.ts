import en from './en.json';
import cyclesEn from './features/cycles.en.json';
import cyclesZh from './features/cycles.zh-CN.json';
import deskEn from './features/desk.en.json';
import deskZh from './features/desk.zh-CN.json';
import directoryEn from './features/directory.en.json';
import directoryZh from './features/directory.zh-CN.json';
import evaluatorEn from './features/evaluator.en.json';
import evaluatorZh from './features/evaluator.zh-CN.json';
import liaisonEn from './features/liaison.en.json';
import liaisonZh from './features/liaison.zh-CN.json';
import partyEn from './features/party.en.json';
import partyZh from './features/party.zh-CN.json';
import zhCN from './zh-CN.json';

/**
 * The console's texts: the shell's in zh-CN.json / en.json, each role's screens in
 * features/<namespace>.<lang>.json under the key <namespace> (test/support/console-text.ts reads
 * them the same way). Both languages hold the same keys: a key missing from either fails the typecheck.
 */
export const zhCatalogue = {
  ...zhCN,
  liaison: liaisonZh,
  party: partyZh,
  evaluator: evaluatorZh,
  desk: deskZh,
  cycles: cyclesZh,
  directory: directoryZh,
};

const enOwn = {
  ...en,
  liaison: liaisonEn,
  party: partyEn,
  evaluator: evaluatorEn,
  desk: deskEn,
  cycles: cyclesEn,
  directory: directoryEn,
};

// Both directions: every Chinese key in English, and nothing in English that Chinese lacks.
export const enCatalogue: typeof zhCatalogue = enOwn;
export const zhMatchesEn: typeof enOwn = zhCatalogue;
