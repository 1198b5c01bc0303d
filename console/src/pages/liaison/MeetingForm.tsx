import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { ContractView } from '../contract/contract-view';
import { contractToday } from './contract-today';
import { FactPage, useBackToContract } from './FactPage';
import { FieldGroupProblems } from './FieldGroupProblems';

type RecordMeeting = components['schemas']['RecordMeeting'];
type Side = 'medical' | 'care';
type OwnerSide = Side | 'both';
interface Attendee {
  name: string;
  side: Side;
  role: string;
}
interface Item {
  description: string;
  ownerSide: OwnerSide;
  ownerName: string;
  dueDate: string;
}

function MeetingForm({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  const back = useBackToContract(contract.id, 'meeting');
  const [meetingDate, setMeetingDate] = useState(() => contractToday(contract));
  const [cadence, setCadence] = useState<'monthly' | 'quarterly'>('monthly');
  const [attendees, setAttendees] = useState<Attendee[]>([
    { name: '', side: 'medical', role: '' },
    { name: '', side: 'care', role: '' },
  ]);
  const [minutes, setMinutes] = useState('');
  const [items, setItems] = useState<Item[]>([]);
  const record = useCommand({
    scope: `meeting:${contract.id}`,
    send: (body: RecordMeeting, key: string) =>
      unwrap(
        api.POST('/contracts/{id}/meetings', {
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
      meetingDate,
      cadence,
      attendees: attendees.map((a) => ({ name: a.name, side: a.side, ...(a.role.trim() ? { role: a.role } : {}) })),
      minutes,
      actionItems: items,
    });
  };
  const setAttendee = (i: number, change: Partial<Attendee>) =>
    setAttendees(attendees.map((a, j) => (j === i ? { ...a, ...change } : a)));
  const setItem = (i: number, change: Partial<Item>) =>
    setItems(items.map((a, j) => (j === i ? { ...a, ...change } : a)));
  return (
    <form onSubmit={submit} noValidate>
      <Field name="meetingDate" label={t('liaison.forms.meeting.date')} error={record.error}>
        <input type="date" value={meetingDate} onChange={(e) => setMeetingDate(e.target.value)} />
      </Field>
      <Field name="cadence" label={t('liaison.forms.meeting.cadence')} error={record.error}>
        <select value={cadence} onChange={(e) => setCadence(e.target.value as 'monthly' | 'quarterly')}>
          <option value="monthly">{t('liaison.cadences.monthly')}</option>
          <option value="quarterly">{t('liaison.cadences.quarterly')}</option>
        </select>
      </Field>
      <fieldset className="rows">
        <legend>{t('liaison.forms.meeting.attendees')}</legend>
        <FieldGroupProblems error={record.error} name="attendees" />
        {attendees.map((a, i) => (
          <div className="row" key={i}>
            <Field
              name={`attendees.${i}.name`}
              label={t('liaison.forms.meeting.attendeeName', { n: i + 1 })}
              error={record.error}
            >
              <input value={a.name} onChange={(e) => setAttendee(i, { name: e.target.value })} autoComplete="off" />
            </Field>
            <Field
              name={`attendees.${i}.side`}
              label={t('liaison.forms.meeting.attendeeSide', { n: i + 1 })}
              error={record.error}
            >
              <select value={a.side} onChange={(e) => setAttendee(i, { side: e.target.value as Side })}>
                <option value="medical">{t('liaison.sides.medical')}</option>
                <option value="care">{t('liaison.sides.care')}</option>
              </select>
            </Field>
            <Field
              name={`attendees.${i}.role`}
              label={t('liaison.forms.meeting.attendeeRole', { n: i + 1 })}
              error={record.error}
            >
              <input value={a.role} onChange={(e) => setAttendee(i, { role: e.target.value })} autoComplete="off" />
            </Field>
            {attendees.length > 2 && (
              <button
                type="button"
                className="secondary"
                onClick={() => setAttendees(attendees.filter((_, j) => j !== i))}
              >
                {t('liaison.removeRow', { n: i + 1 })}
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => setAttendees([...attendees, { name: '', side: 'medical', role: '' }])}
        >
          {t('liaison.forms.meeting.addAttendee')}
        </button>
      </fieldset>
      <Field name="minutes" label={t('liaison.forms.meeting.minutes')} error={record.error}>
        <textarea rows={5} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </Field>
      <fieldset className="rows">
        <legend>{t('liaison.forms.meeting.actionItems')}</legend>
        <FieldGroupProblems error={record.error} name="actionItems" />
        {items.map((item, i) => (
          <div className="row" key={i}>
            <Field
              name={`actionItems.${i}.description`}
              label={t('liaison.forms.meeting.itemDescription', { n: i + 1 })}
              error={record.error}
            >
              <textarea
                rows={2}
                value={item.description}
                onChange={(e) => setItem(i, { description: e.target.value })}
              />
            </Field>
            <Field
              name={`actionItems.${i}.ownerSide`}
              label={t('liaison.forms.meeting.itemOwnerSide', { n: i + 1 })}
              error={record.error}
            >
              <select value={item.ownerSide} onChange={(e) => setItem(i, { ownerSide: e.target.value as OwnerSide })}>
                <option value="medical">{t('liaison.sides.medical')}</option>
                <option value="care">{t('liaison.sides.care')}</option>
                <option value="both">{t('liaison.sides.both')}</option>
              </select>
            </Field>
            <Field
              name={`actionItems.${i}.ownerName`}
              label={t('liaison.forms.meeting.itemOwnerName', { n: i + 1 })}
              error={record.error}
            >
              <input
                value={item.ownerName}
                onChange={(e) => setItem(i, { ownerName: e.target.value })}
                autoComplete="off"
              />
            </Field>
            <Field
              name={`actionItems.${i}.dueDate`}
              label={t('liaison.forms.meeting.itemDueDate', { n: i + 1 })}
              error={record.error}
            >
              <input type="date" value={item.dueDate} onChange={(e) => setItem(i, { dueDate: e.target.value })} />
            </Field>
            <button type="button" className="secondary" onClick={() => setItems(items.filter((_, j) => j !== i))}>
              {t('liaison.removeRow', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() =>
            setItems([...items, { description: '', ownerSide: 'medical', ownerName: '', dueDate: meetingDate }])
          }
        >
          {t('liaison.forms.meeting.addActionItem')}
        </button>
      </fieldset>
      <ProblemAlert error={record.error} />
      <button type="submit" disabled={record.isPending}>
        {t('liaison.forms.meeting.submit')}
      </button>
    </form>
  );
}

export function MeetingPage() {
  return <FactPage kind="meeting" form={(contract) => <MeetingForm contract={contract} />} />;
}
