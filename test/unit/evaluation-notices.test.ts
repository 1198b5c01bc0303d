import { renderEvaluationNotice } from '../../activities/evaluation-templates';
import { renderRectificationNotice } from '../../activities/rectification-templates';
import { gradeConsequences, type Grade } from '../../domain/grading';
import { defaultPolicy, resolvePolicy, type Policy } from '../../domain/policy';

const graded = (grade: Grade, policy: Policy, locale: 'zh-CN' | 'en') =>
  renderEvaluationNotice('evaluation-graded', locale, {
    recipientName: '王芳',
    link: 'https://carepact.example/evaluations/e-1',
    contractName: '甲医院 — 乙养老院',
    grade,
    weightedScore: 88,
    consequences: gradeConsequences(grade, 'regular', policy),
  }).text;

describe('evaluation-graded states the consequences under the policy the grade was given under', () => {
  it('default policy: +30% and model priority; nothing for Qualified; no subsidy and an order for Unqualified', () => {
    expect(graded('excellent', defaultPolicy, 'zh-CN')).toContain('等级：优秀。补贴上浮 30%，并优先纳入示范创建。');
    expect(graded('excellent', defaultPolicy, 'en')).toContain(
      'Excellent. The subsidy rises by 30% and the contract gets priority as a model.',
    );
    expect(graded('qualified', defaultPolicy, 'zh-CN')).toContain('等级：合格。无需进一步措施。');
    expect(graded('qualified', defaultPolicy, 'en')).toContain('Qualified. Nothing further is required.');
    expect(graded('unqualified', defaultPolicy, 'zh-CN')).toContain('按此等级不予发放补贴。须在限期内整改');
    expect(graded('unqualified', defaultPolicy, 'en')).toContain(
      'No subsidy is paid at this grade. A rectification order with a time limit follows separately',
    );
  });

  it("a region's own factors and model-priority grades", () => {
    const region = resolvePolicy({
      subsidy: { gradeFactorBp: { excellent: 12500, qualified: 9000, unqualified: 5000 } },
      evaluation: { modelPriorityGrades: [] },
    });
    expect(graded('excellent', region, 'zh-CN')).toContain('补贴上浮 25%。');
    expect(graded('excellent', region, 'zh-CN')).not.toContain('示范');
    expect(graded('excellent', region, 'en')).toContain('The subsidy rises by 25%.');
    expect(graded('excellent', region, 'en')).not.toMatch(/30%|model/);
    expect(graded('qualified', region, 'zh-CN')).toContain('补贴下调 10%。');
    expect(graded('qualified', region, 'en')).toContain('The subsidy falls by 10%.');
    expect(graded('unqualified', region, 'en')).toContain('The subsidy falls by 50%. A rectification order');
    const modelOnly = resolvePolicy({ subsidy: { gradeFactorBp: { excellent: 10000 } } });
    expect(graded('excellent', modelOnly, 'zh-CN')).toContain('等级：优秀。优先纳入示范创建。');
    expect(graded('excellent', modelOnly, 'en')).toContain('Excellent. The contract gets priority as a model.');
  });

  it('refuses to render without the consequences', () => {
    expect(() =>
      renderEvaluationNotice('evaluation-graded', 'en', {
        recipientName: 'A',
        link: 'l',
        contractName: 'c',
        grade: 'excellent',
        weightedScore: 90,
      }),
    ).toThrow(/consequences/);
  });
});

describe('rectification-extended states how many extensions the order allows', () => {
  const extended = (locale: 'zh-CN' | 'en', maxExtensions?: number) =>
    renderRectificationNotice('rectification-extended', locale, {
      recipientName: '王芳',
      link: 'l',
      contractName: 'c',
      deadline: '2027-04-10',
      reasons: '洪水',
      maxExtensions,
    }).text;

  it('one by default, in words; more when the region allows more', () => {
    expect(extended('zh-CN', 1)).toContain('新的整改期限为 2027-04-10（延期仅限一次）');
    expect(extended('en', 1)).toContain('the new deadline is 2027-04-10 (only one extension is allowed)');
    expect(extended('zh-CN', 2)).toContain('（延期最多两次）');
    expect(extended('en', 3)).toContain('(at most 3 extensions are allowed)');
    expect(() => extended('en')).toThrow(/maxExtensions/);
  });
});
