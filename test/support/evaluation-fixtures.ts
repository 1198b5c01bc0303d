import { randomUUID } from 'node:crypto';
import type { World } from './fixtures';
import type { TestStack } from './stack';

export async function createEvaluatorOrg(
  stack: TestStack,
  world: World,
  name: string,
  locale: 'zh-CN' | 'en' = 'zh-CN',
) {
  const org = await stack.call('POST', '/evaluator-organizations', {
    token: world.regulatorToken,
    body: { regionCode: world.regionCode, name },
  });
  if (org.status !== 201) throw new Error(`create org: ${org.status} ${JSON.stringify(org.body)}`);
  const email = `evaluator-${randomUUID().slice(0, 8)}@example.test`;
  const user = await stack.call('POST', '/users', {
    token: world.regulatorToken,
    body: { name: `${name} evaluator`, email, role: 'evaluator', evaluatorOrganizationId: org.body.id, locale },
  });
  if (user.status !== 201) throw new Error(`create evaluator: ${user.status} ${JSON.stringify(user.body)}`);
  return { id: org.body.id as string, token: user.body.token as string, email };
}

const dimension = (score: number) => ({
  score,
  indicators: [{ name: 'on-site check', score }],
  comments: `scored ${score}`,
});

export function scores(serviceQuality: number, satisfaction = serviceQuality, cooperation = serviceQuality) {
  return {
    serviceQuality: dimension(serviceQuality),
    satisfaction: dimension(satisfaction),
    cooperation: dimension(cooperation),
    onsiteDate: '2026-11-20',
    findings: serviceQuality < 60 ? 'Home visits irregular; no emergency referral drill' : 'No major findings',
  };
}
