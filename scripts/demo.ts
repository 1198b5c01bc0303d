import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createConfig } from '../platform/config';

/**
 * Drives a running CarePact (npm start) through its public API only: a region, a hospital, a
 * nursing home, their users, a contract signed by both sides, and one left to lapse in 30 s.
 */
const config = createConfig();
const api = process.env.CAREPACT_API_URL ?? `http://localhost:${config.apiPort}`;
const adminToken = config.bootstrapAdminToken ?? fs.readFileSync(path.join(config.dataDir, 'admin-token'), 'utf8').trim();

async function call(method: string, route: string, token: string, body?: unknown): Promise<any> {
  const res = await fetch(`${api}${route}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${route} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function main() {
  const tag = randomUUID().slice(0, 4);
  const fast = { timeScale: 86_400 }; // one policy day per real second: the 30-day signing window is 30 s
  const region = await call('POST', '/regions', adminToken, { code: `DEMO-${tag}`, name: `演示区 Demo ${tag}`, remote: true, policy: fast });
  const regulator = await call('POST', '/users', adminToken, { name: '区卫健委 Regulator', email: `regulator-${tag}@demo.local`, role: 'regulator', regionCodes: [region.code], locale: 'zh-CN' });
  const hospital = await call('POST', '/institutions', regulator.token, { kind: 'medical', regionCode: region.code, name: `Demo Community Hospital ${tag}`, medical: { level: 'secondary', type: 'hospital' } });
  const home = await call('POST', '/institutions', regulator.token, { kind: 'elderly_care', regionCode: region.code, name: `夕阳红养老院 ${tag}`, care: { ownership: 'private_non_profit', beds: 80, residents: 64 } });
  const user = (institutionId: string, role: string, who: string, locale: string) =>
    call('POST', '/users', regulator.token, { name: who, email: `${role}-${who.replace(/\W/g, '').toLowerCase()}-${tag}@demo.local`, role, institutionId, locale });
  const hospitalLiaison = await user(hospital.id, 'liaison', 'Dr Li', 'en');
  const homeLiaison = await user(home.id, 'liaison', '王主任', 'zh-CN');
  const hospitalParty = await user(hospital.id, 'party', 'Hospital office', 'en');
  const homeParty = await user(home.id, 'party', '养老院办公室', 'zh-CN');

  const terms = {
    visitFrequency: { homeVisitsPerMonth: 1, chronicDiseaseReexamsPerQuarter: 2, emergencyReferralResponseMinutes: 15, healthTalksPerYear: 4 },
    serviceItems: {
      basicMedical: { included: true, description: '巡诊与慢病随访' },
      rehabilitationNursing: { included: true, description: '康复护理指导' },
      emergencyReferral: { included: true, description: '急诊转诊绿色通道' },
      healthRecords: { included: true, description: '健康档案' },
    },
    charging: { basicServiceFeeFen: 2000, chronicFollowUpFeeFen: 1500, valueAddedPricing: 'market', settlementCycle: 'quarterly' },
    liability: [{ party: 'medical', matter: '医疗质量 medical quality' }, { party: 'care', matter: '日常照护 daily care' }],
    disputeProcedure: '双方联络员协商；10 个工作日内未解决的，提交区卫健委调解。',
  };
  const draft = { medicalInstitutionId: hospital.id, careInstitutionId: home.id, medicalLiaisonUserId: hospitalLiaison.user.id, careLiaisonUserId: homeLiaison.user.id, termStart: '2027-01-01', termEnd: '2029-12-31', terms };

  const signed = await call('POST', '/contracts', regulator.token, draft);
  await call('POST', `/contracts/${signed.id}/signatures`, hospitalParty.token);
  await call('POST', `/contracts/${signed.id}/signatures`, homeParty.token);
  const active = await call('GET', `/contracts/${signed.id}`, regulator.token);
  const unsigned = await call('POST', '/contracts', regulator.token, draft);

  console.log(`
Region ${region.code}; regulator token ${regulator.token}
Contract ${active.id}: ${active.status} (signed by ${active.signatures.map((s: { side: string }) => s.side).join(' and ')})
Contract ${unsigned.id}: ${unsigned.status}, lapses at ${unsigned.signingDeadline} unless both sign.

  curl -H 'Authorization: Bearer ${regulator.token}' ${api}/contracts/${active.id}
  temporal workflow list --address ${config.temporal.address} --query 'CarePactRegion="${region.code}"'
  Mail: http://127.0.0.1:${config.mailWebPort}
`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
