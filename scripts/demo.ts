import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createConfig } from '../platform/config';
import { apiClient, sampleTerms } from './api-client';
import { addDays, addMonthsClamped, nextPeriod, periodContaining } from '../domain/calendar';

/**
 * Drives a running CarePact (npm start) through its public API only: a region, a hospital, a
 * nursing home, their users, a contract signed by both sides, and one left to lapse in 30 s.
 */
const config = createConfig();
const api = process.env.CAREPACT_API_URL ?? `http://localhost:${config.apiPort}`;
const adminToken =
  config.bootstrapAdminToken ?? fs.readFileSync(path.join(config.dataDir, 'admin-token'), 'utf8').trim();

const call = apiClient(api);

/** Three calendar years from the next 1 January (Shanghai): a term still to begin on whatever day the demo runs. */
function termFromNextYear() {
  const termStart = nextPeriod(periodContaining('year', Date.now())).start;
  return { termStart, termEnd: addDays(addMonthsClamped(termStart, 36), -1) };
}

async function main() {
  const tag = randomUUID().slice(0, 4);
  const fast = { timeScale: 86_400 }; // one policy day per real second: the 30-day signing window is 30 s
  const region = await call('POST', '/regions', adminToken, {
    code: `DEMO-${tag}`,
    name: `演示区 Demo ${tag}`,
    remote: true,
    policy: fast,
  });
  const regulator = await call('POST', '/users', adminToken, {
    name: '区卫健委 Regulator',
    email: `regulator-${tag}@demo.local`,
    role: 'regulator',
    regionCodes: [region.code],
    locale: 'zh-CN',
  });
  const hospital = await call('POST', '/institutions', regulator.token, {
    kind: 'medical',
    regionCode: region.code,
    name: `Demo Community Hospital ${tag}`,
    medical: { level: 'secondary', type: 'hospital' },
  });
  const home = await call('POST', '/institutions', regulator.token, {
    kind: 'elderly_care',
    regionCode: region.code,
    name: `夕阳红养老院 ${tag}`,
    care: { ownership: 'private_non_profit', beds: 80, residents: 64 },
  });
  const user = (institutionId: string, role: string, who: string, locale: string) =>
    call('POST', '/users', regulator.token, {
      name: who,
      email: `${role}-${institutionId.slice(0, 8)}-${tag}@demo.local`,
      role,
      institutionId,
      locale,
    });
  const hospitalLiaison = await user(hospital.id, 'liaison', 'Dr Li', 'en');
  const homeLiaison = await user(home.id, 'liaison', '王主任', 'zh-CN');
  const hospitalParty = await user(hospital.id, 'party', 'Hospital office', 'en');
  const homeParty = await user(home.id, 'party', '养老院办公室', 'zh-CN');

  const draft = {
    medicalInstitutionId: hospital.id,
    careInstitutionId: home.id,
    medicalLiaisonUserId: hospitalLiaison.user.id,
    careLiaisonUserId: homeLiaison.user.id,
    ...termFromNextYear(),
    terms: sampleTerms,
  };

  const evaluators = await call('POST', '/evaluator-organizations', regulator.token, {
    regionCode: region.code,
    name: `第三方评估机构 Evaluators ${tag}`,
  });
  const evaluator = await call('POST', '/users', regulator.token, {
    name: '评估员 Evaluator',
    email: `evaluator-${tag}@demo.local`,
    role: 'evaluator',
    evaluatorOrganizationId: evaluators.id,
    locale: 'zh-CN',
  });
  const admin = await call('POST', '/users', adminToken, {
    name: 'Demo administrator',
    email: `admin-${tag}@demo.local`,
    role: 'admin',
    locale: 'en',
  });
  // One person of every role, each with a one-time link to set a password and sign in to the console.
  const people = [
    ['admin', admin],
    ['regulator', regulator],
    ['liaison', hospitalLiaison],
    ['party', homeParty],
    ['evaluator', evaluator],
  ] as const;
  const signInLinks = [];
  for (const [role, person] of people) {
    const invitation = await call('POST', `/users/${person.user.id}/invitation`, adminToken);
    signInLinks.push(`  ${role.padEnd(10)} ${person.user.email.padEnd(36)} ${invitation.link}`);
  }

  const signed = await call('POST', '/contracts', regulator.token, draft);
  await call('POST', `/contracts/${signed.id}/signatures`, hospitalParty.token);
  await call('POST', `/contracts/${signed.id}/signatures`, homeParty.token);
  const active = await call('GET', `/contracts/${signed.id}`, regulator.token);
  const unsigned = await call('POST', '/contracts', regulator.token, draft);

  console.log(`
Sign in to the console (${api}/console/) with one-time links (each sets a password; valid until ${new Date(
    Date.now() + config.auth.invitationLinkSeconds * 1000,
  ).toISOString()}):
${signInLinks.join('\n')}

Region ${region.code}; regulator token ${regulator.token}
Contract ${active.id}: ${active.status} (signed by ${active.signatures.map((s: { side: string }) => s.side).join(' and ')})
Contract ${unsigned.id}: ${unsigned.status}, lapses at ${unsigned.signingDeadline} unless both sign.

  curl -H 'Authorization: Bearer ${regulator.token}' ${api}/contracts/${active.id}
  temporal workflow list --address ${config.temporal.address} --query 'CarePactRegion="${region.code}"'
  Mail: Mailpit at http://127.0.0.1:${config.mailWebPort} (or where npm start said it runs)
`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
