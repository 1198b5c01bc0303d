import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { ContractView } from '../contract/contract-view';
import { contractToday, linesOf, numberOf } from './contract-today';
import { FactPage, useBackToContract } from './FactPage';
import { FieldGroupProblems } from './FieldGroupProblems';

type RecordVisit = components['schemas']['RecordVisit'];

function VisitForm({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  const back = useBackToContract(contract.id, 'visit');
  const [visitDate, setVisitDate] = useState(() => contractToday(contract));
  const [staff, setStaff] = useState([{ name: '', title: '' }]);
  const [services, setServices] = useState('');
  const [residentsSeen, setResidentsSeen] = useState('');
  const [reexams, setReexams] = useState('0');
  const [hours, setHours] = useState('');
  const [notes, setNotes] = useState('');
  const record = useCommand({
    scope: `visit:${contract.id}`,
    send: (body: RecordVisit, key: string) =>
      unwrap(
        api.POST('/contracts/{id}/visits', {
          params: { path: { id: contract.id }, header: { 'Idempotency-Key': key } },
          body,
        }),
      ),
    invalidates: [['contract', contract.id]],
    onSuccess: back,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate({
      visitDate,
      staff: staff.map((s) => ({ name: s.name, title: s.title })),
      services: linesOf(services),
      residentsSeen: numberOf(residentsSeen),
      chronicDiseaseReexams: numberOf(reexams),
      hours: numberOf(hours),
      ...(notes.trim() ? { notes } : {}),
    });
  };
  const setMember = (i: number, change: Partial<{ name: string; title: string }>) =>
    setStaff(staff.map((s, j) => (j === i ? { ...s, ...change } : s)));
  return (
    <form onSubmit={submit} noValidate>
      <Field name="visitDate" label={t('liaison.forms.visit.date')} error={record.error}>
        <input type="date" value={visitDate} onChange={(e) => setVisitDate(e.target.value)} />
      </Field>
      <fieldset className="rows">
        <legend>{t('liaison.forms.visit.staff')}</legend>
        <FieldGroupProblems error={record.error} name="staff" />
        {staff.map((member, i) => (
          <div className="row" key={i}>
            <Field
              name={`staff.${i}.name`}
              label={t('liaison.forms.visit.staffName', { n: i + 1 })}
              error={record.error}
            >
              <input value={member.name} onChange={(e) => setMember(i, { name: e.target.value })} autoComplete="off" />
            </Field>
            <Field
              name={`staff.${i}.title`}
              label={t('liaison.forms.visit.staffTitle', { n: i + 1 })}
              error={record.error}
            >
              <input
                value={member.title}
                onChange={(e) => setMember(i, { title: e.target.value })}
                autoComplete="off"
              />
            </Field>
            {staff.length > 1 && (
              <button type="button" className="secondary" onClick={() => setStaff(staff.filter((_, j) => j !== i))}>
                {t('liaison.removeRow', { n: i + 1 })}
              </button>
            )}
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => setStaff([...staff, { name: '', title: '' }])}>
          {t('liaison.forms.visit.addStaff')}
        </button>
      </fieldset>
      <Field
        name="services"
        label={t('liaison.forms.visit.services')}
        hint={t('liaison.onePerLine')}
        error={record.error}
      >
        <textarea rows={3} value={services} onChange={(e) => setServices(e.target.value)} />
      </Field>
      <Field name="residentsSeen" label={t('liaison.forms.visit.residentsSeen')} error={record.error}>
        <input
          type="number"
          inputMode="numeric"
          min={0}
          value={residentsSeen}
          onChange={(e) => setResidentsSeen(e.target.value)}
        />
      </Field>
      <Field name="chronicDiseaseReexams" label={t('liaison.forms.visit.reexams')} error={record.error}>
        <input type="number" inputMode="numeric" min={0} value={reexams} onChange={(e) => setReexams(e.target.value)} />
      </Field>
      <Field name="hours" label={t('liaison.forms.visit.hours')} error={record.error}>
        <input
          type="number"
          inputMode="decimal"
          min={0}
          step={0.25}
          value={hours}
          onChange={(e) => setHours(e.target.value)}
        />
      </Field>
      <Field name="notes" label={t('liaison.forms.notes')} error={record.error}>
        <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>
      <ProblemAlert error={record.error} />
      <button type="submit" disabled={record.isPending}>
        {t('liaison.forms.visit.submit')}
      </button>
    </form>
  );
}

export function VisitPage() {
  return <FactPage kind="visit" form={(contract) => <VisitForm contract={contract} />} />;
}
