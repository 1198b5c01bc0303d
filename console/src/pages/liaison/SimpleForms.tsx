import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/openapi';
import { Field } from '../../components/form/Field';
import { useCommand } from '../../components/form/useCommand';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { ContractView } from '../contract/contract-view';
import { contractToday, linesOf, numberOf, shanghaiInstant } from './contract-today';
import { FactPage, useBackToContract } from './FactPage';

type Schemas = components['schemas'];

function SurveyForm({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  const [surveyDate, setSurveyDate] = useState(() => contractToday(contract));
  const [respondents, setRespondents] = useState('');
  const [summary, setSummary] = useState('');
  const [needs, setNeeds] = useState('');
  const record = useCommand({
    scope: `survey:${contract.id}`,
    send: (body: Schemas['RecordSurvey'], key: string) =>
      unwrap(
        api.POST('/contracts/{id}/surveys', {
          params: { path: { id: contract.id }, header: { 'Idempotency-Key': key } },
          body,
        }),
      ),
    invalidates: [['contract', contract.id]],
    onSuccess: useBackToContract(contract.id, 'survey'),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate({ surveyDate, respondents: numberOf(respondents), summary, needs: linesOf(needs) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field name="surveyDate" label={t('liaison.forms.survey.date')} error={record.error}>
        <input type="date" value={surveyDate} onChange={(e) => setSurveyDate(e.target.value)} />
      </Field>
      <Field name="respondents" label={t('liaison.forms.survey.respondents')} error={record.error}>
        <input
          type="number"
          inputMode="numeric"
          min={1}
          value={respondents}
          onChange={(e) => setRespondents(e.target.value)}
        />
      </Field>
      <Field name="summary" label={t('liaison.forms.survey.summary')} error={record.error}>
        <textarea rows={4} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </Field>
      <Field name="needs" label={t('liaison.forms.survey.needs')} hint={t('liaison.onePerLine')} error={record.error}>
        <textarea rows={4} value={needs} onChange={(e) => setNeeds(e.target.value)} />
      </Field>
      <ProblemAlert error={record.error} />
      <button type="submit" disabled={record.isPending}>
        {t('liaison.forms.survey.submit')}
      </button>
    </form>
  );
}

function RequestForm({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const record = useCommand({
    scope: `request:${contract.id}`,
    send: (request: Schemas['RaiseRequest'], key: string) =>
      unwrap(
        api.POST('/contracts/{id}/requests', {
          params: { path: { id: contract.id }, header: { 'Idempotency-Key': key } },
          body: request,
        }),
      ),
    invalidates: [['contract', contract.id]],
    onSuccess: useBackToContract(contract.id, 'request'),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate({ subject, body });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field name="subject" label={t('liaison.forms.request.subject')} error={record.error}>
        <input value={subject} onChange={(e) => setSubject(e.target.value)} autoComplete="off" />
      </Field>
      <Field name="body" label={t('liaison.forms.request.body')} error={record.error}>
        <textarea rows={5} value={body} onChange={(e) => setBody(e.target.value)} />
      </Field>
      <ProblemAlert error={record.error} />
      <button type="submit" disabled={record.isPending}>
        {t('liaison.forms.request.submit')}
      </button>
    </form>
  );
}

function ReferralForm({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  const [residentRef, setResidentRef] = useState('');
  const [reason, setReason] = useState('');
  const [requestedAt, setRequestedAt] = useState('');
  const [respondedAt, setRespondedAt] = useState('');
  const [destination, setDestination] = useState('');
  const record = useCommand({
    scope: `referral:${contract.id}`,
    send: (body: Schemas['RecordReferral'], key: string) =>
      unwrap(
        api.POST('/contracts/{id}/referrals', {
          params: { path: { id: contract.id }, header: { 'Idempotency-Key': key } },
          body,
        }),
      ),
    invalidates: [['contract', contract.id]],
    onSuccess: useBackToContract(contract.id, 'referral'),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate({
      residentRef,
      reason,
      requestedAt: shanghaiInstant(requestedAt),
      respondedAt: shanghaiInstant(respondedAt),
      ...(destination.trim() ? { destination } : {}),
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field name="residentRef" label={t('liaison.forms.referral.residentRef')} error={record.error}>
        <input value={residentRef} onChange={(e) => setResidentRef(e.target.value)} autoComplete="off" />
      </Field>
      <Field name="reason" label={t('liaison.forms.referral.reason')} error={record.error}>
        <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <Field
        name="requestedAt"
        label={t('liaison.forms.referral.requestedAt')}
        hint={t('liaison.shanghaiTime')}
        error={record.error}
      >
        <input type="datetime-local" value={requestedAt} onChange={(e) => setRequestedAt(e.target.value)} />
      </Field>
      <Field
        name="respondedAt"
        label={t('liaison.forms.referral.respondedAt')}
        hint={`${t('liaison.shanghaiTime')} ${t('liaison.forms.referral.target', {
          minutes: contract.terms.visitFrequency.emergencyReferralResponseMinutes,
        })}`}
        error={record.error}
      >
        <input type="datetime-local" value={respondedAt} onChange={(e) => setRespondedAt(e.target.value)} />
      </Field>
      <Field name="destination" label={t('liaison.forms.referral.destination')} error={record.error}>
        <input value={destination} onChange={(e) => setDestination(e.target.value)} autoComplete="off" />
      </Field>
      <ProblemAlert error={record.error} />
      <button type="submit" disabled={record.isPending}>
        {t('liaison.forms.referral.submit')}
      </button>
    </form>
  );
}

function HealthTalkForm({ contract }: { contract: ContractView }) {
  const { t } = useTranslation();
  const [talkDate, setTalkDate] = useState(() => contractToday(contract));
  const [topic, setTopic] = useState('');
  const [attendees, setAttendees] = useState('');
  const [speaker, setSpeaker] = useState('');
  const record = useCommand({
    scope: `health-talk:${contract.id}`,
    send: (body: Schemas['RecordHealthTalk'], key: string) =>
      unwrap(
        api.POST('/contracts/{id}/health-talks', {
          params: { path: { id: contract.id }, header: { 'Idempotency-Key': key } },
          body,
        }),
      ),
    invalidates: [['contract', contract.id]],
    onSuccess: useBackToContract(contract.id, 'healthTalk'),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate({ talkDate, topic, attendees: numberOf(attendees), ...(speaker.trim() ? { speaker } : {}) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field name="talkDate" label={t('liaison.forms.healthTalk.date')} error={record.error}>
        <input type="date" value={talkDate} onChange={(e) => setTalkDate(e.target.value)} />
      </Field>
      <Field name="topic" label={t('liaison.forms.healthTalk.topic')} error={record.error}>
        <input value={topic} onChange={(e) => setTopic(e.target.value)} autoComplete="off" />
      </Field>
      <Field name="attendees" label={t('liaison.forms.healthTalk.attendees')} error={record.error}>
        <input
          type="number"
          inputMode="numeric"
          min={1}
          value={attendees}
          onChange={(e) => setAttendees(e.target.value)}
        />
      </Field>
      <Field name="speaker" label={t('liaison.forms.healthTalk.speaker')} error={record.error}>
        <input value={speaker} onChange={(e) => setSpeaker(e.target.value)} autoComplete="off" />
      </Field>
      <ProblemAlert error={record.error} />
      <button type="submit" disabled={record.isPending}>
        {t('liaison.forms.healthTalk.submit')}
      </button>
    </form>
  );
}

export const SurveyPage = () => <FactPage kind="survey" form={(c) => <SurveyForm contract={c} />} />;
export const RequestPage = () => <FactPage kind="request" form={(c) => <RequestForm contract={c} />} />;
export const ReferralPage = () => <FactPage kind="referral" form={(c) => <ReferralForm contract={c} />} />;
export const HealthTalkPage = () => <FactPage kind="healthTalk" form={(c) => <HealthTalkForm contract={c} />} />;
