import type { ConsentRecord, Contact, Interaction, Objection, Provenance } from '../domain/contacts.ts';
import { identifiersOf } from '../domain/identifiers.ts';
import { formatLocal } from '../domain/time.ts';
import { hasMessage, type Lang, t } from '../i18n.ts';
import { fieldList } from '../reports/problems.ts';
import { purposeLabel } from '../reports/purpose.ts';
import type { ContactPage } from '../services/contactPage.ts';
import { DECISIONS_SHOWN } from '../services/contactPage.ts';
import type { DecisionLogEntry } from '../store/index.ts';
import { actorLabel } from './audit.tsx';
import { MergeSearchForm, ObjectionForm } from './contactForms.tsx';
import { Layout, type Page } from './layout.tsx';

/** What the page says happened: an objection recorded, fields edited, records merged. */
export type Done = { objection: true } | { edited: string[] } | { merged: true } | { added: string[] };

const when = (page: Page, zone: string, iso: string | Date | undefined) =>
  iso ? formatLocal(new Date(iso), zone, page.lang) : t(page.lang, 'web_never');

/** A word of the catalogue when it has one (`channel_sms` → « SMS »), else the engine's word as it is. */
export function word(lang: Lang, key: string, fallback: string): string {
  return hasMessage(key) ? t(lang, key) : fallback;
}

export const channelWord = (lang: Lang, channel: string) => word(lang, `channel_${channel}`, channel);

/** One person: provenance, consents, objections, interactions, the deadline, and each channel's answer now. */
export function ContactView({
  page,
  zone,
  view,
  done,
}: {
  page: Page;
  zone: string;
  view: ContactPage;
  done?: Done;
}) {
  const { lang } = page;
  const { sheet } = view;
  const contact = sheet.contact as Contact;
  const provenance = [contact.provenance, ...(contact.sources ?? [])].filter((p) => p !== undefined);
  return (
    <Layout page={page} title={contact.name ?? t(lang, 'web_unnamed')}>
      {done && <p class="notice">{doneText(lang, done)}</p>}
      <p class="identity">
        {[
          contact.company,
          identifiersOf(contact)
            .map((id) => id.value)
            .join(', '),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {view.mayEdit && (
        <p>
          <a class="button" href={`/contacts/${encodeURIComponent(contact.id)}/edit`}>
            {t(lang, 'web_edit_link')}
          </a>
        </p>
      )}
      <p>
        {sheet.retentionDeadline
          ? t(lang, 'web_deadline', { date: when(page, zone, sheet.retentionDeadline) })
          : t(lang, 'web_no_deadline')}
      </p>
      <h2>{t(lang, 'web_answers')}</h2>
      <Answers page={page} zone={zone} view={view} />
      <h2>{t(lang, 'web_provenance')}</h2>
      <List page={page} zone={zone} rows={provenance.map((p) => [p.collectedAt, provenanceLine(lang, p)])} />
      <h2>{t(lang, 'web_consents')}</h2>
      <List page={page} zone={zone} rows={sheet.consents.map((c) => [c.at, consentLine(lang, c)])} />
      <h2>{t(lang, 'web_objections')}</h2>
      <List page={page} zone={zone} rows={sheet.objections.map((o) => [o.at, objectionLine(lang, o)])} />
      <h2>{t(lang, 'web_interactions')}</h2>
      <List page={page} zone={zone} rows={sheet.interactions.map((i) => [i.at, eventWord(lang, i)])} />
      <h2>{t(lang, 'web_decisions')}</h2>
      <Decisions page={page} zone={zone} decisions={view.decisions} />
      <ObjectionForm page={page} id={contact.id} />
      {view.mayEdit && <MergeSearchForm page={page} id={contact.id} />}
    </Layout>
  );
}

function doneText(lang: Lang, done: Done): string {
  if ('objection' in done) return t(lang, 'web_objection_done');
  if ('merged' in done) return t(lang, 'web_merge_done');
  if ('added' in done)
    return done.added.length > 0
      ? t(lang, 'web_add_filled', { fields: fieldList(lang, done.added) })
      : t(lang, 'web_add_done');
  return done.edited.length > 0
    ? t(lang, 'web_edit_done', { fields: fieldList(lang, done.edited) })
    : t(lang, 'web_edit_nothing');
}

function provenanceLine(lang: Lang, p: Provenance): string {
  const source = word(lang, `source_${p.source}`, p.source);
  return t(lang, 'web_provenance_line', {
    source: p.detail ? `${source} (${p.detail})` : source,
    collection: word(lang, `collection_${p.collection}`, p.collection),
  });
}

function consentLine(lang: Lang, c: ConsentRecord): string {
  return [
    t(lang, c.action === 'grant' ? 'action_grant' : 'action_withdraw'),
    channelWord(lang, c.channel),
    purposeLabel(c.purpose, lang),
    c.proof.method && word(lang, `method_${c.proof.method}`, c.proof.method),
    c.proof.wording,
    c.proof.evidence,
  ]
    .filter(Boolean)
    .join(' · ');
}

function objectionLine(lang: Lang, o: Objection): string {
  const kind = t(
    lang,
    o.kind === 'withdrawal' ? 'web_objection_kind_withdrawal' : 'web_objection_kind_objection',
  );
  return `${kind} · ${channelWord(lang, o.scope)}`;
}

const eventWord = (lang: Lang, i: Interaction) => word(lang, `web_event_${i.type}`, i.type);

/** Each channel's answer now, why, and when it could change (the engine's changesAt). */
function Answers({ page, zone, view }: { page: Page; zone: string; view: ContactPage }) {
  const { lang } = page;
  return (
    <table>
      <thead>
        <tr>
          <th>{t(lang, 'web_col_channel')}</th>
          <th>{t(lang, 'web_col_verdict')}</th>
          <th>{t(lang, 'web_col_why')}</th>
          <th>{t(lang, 'web_col_changes')}</th>
        </tr>
      </thead>
      <tbody>
        {view.answers.map(({ decision }) => (
          <tr>
            <td>{channelWord(lang, decision.channel)}</td>
            <td class={`verdict-${decision.verdict}`}>{t(lang, `web_verdict_${decision.verdict}`)}</td>
            <td>
              {decision.reasons
                .filter((r) => decision.verdict === 'allow' || r.verdict !== 'allow')
                .map((r) => (
                  <div>
                    {r.message[lang]}{' '}
                    <small>({r.legal.map((l) => `${l.text} ${l.article}`).join(', ') || r.rule})</small>
                  </div>
                ))}
            </td>
            <td>{when(page, zone, decision.changesAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The questions logged about her: when, on which channel, the answer then, and who asked; newest first. */
function Decisions({ page, zone, decisions }: { page: Page; zone: string; decisions: DecisionLogEntry[] }) {
  const { lang } = page;
  if (decisions.length === 0) return <p>{t(lang, 'web_none')}</p>;
  return (
    <>
      <table class="decisions">
        <thead>
          <tr>
            <th>{t(lang, 'web_col_at')}</th>
            <th>{t(lang, 'web_col_channel')}</th>
            <th>{t(lang, 'web_col_verdict_then')}</th>
            <th>{t(lang, 'web_col_asked_by')}</th>
          </tr>
        </thead>
        <tbody>
          {decisions.map((d) => (
            <tr>
              <td>{when(page, zone, d.askedAt)}</td>
              <td>{channelWord(lang, d.channel)}</td>
              <td class={`verdict-${d.verdict}`}>{word(lang, `web_verdict_${d.verdict}`, d.verdict)}</td>
              <td>{actorLabel(page, d.askedBy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {decisions.length >= DECISIONS_SHOWN && (
        <p>{t(lang, 'web_decisions_cap', { count: DECISIONS_SHOWN })}</p>
      )}
    </>
  );
}

function List({ page, zone, rows }: { page: Page; zone: string; rows: Array<[string, string]> }) {
  if (rows.length === 0) return <p>{t(page.lang, 'web_none')}</p>;
  return (
    <table>
      <tbody>
        {rows.map(([at, what]) => (
          <tr>
            <td>{when(page, zone, at)}</td>
            <td>{what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
