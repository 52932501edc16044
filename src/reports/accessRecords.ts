import type { ConsentProof, ConsentRecord } from '../domain/contacts.ts';
import { type Lang, type MessageKey, t } from '../i18n.ts';
import type { Controller } from '../policy/controllerSchema.ts';
import { type AccessReport, toldOnce } from '../services/accessReport.ts';
import type { Block, Words } from './accessDocument.ts';
import { purposeLabel } from './purpose.ts';

/** The access report's records of what she told us: her consents with their proof, her objections, her rights. */

function proofText(proof: ConsentProof, lang: Lang): string {
  const parts: Array<[MessageKey, string | undefined]> = [
    ['access_proof_method', proof.method],
    ['access_proof_wording', proof.wording],
    ['access_proof_where', proof.capturedWhere],
    ['access_proof_evidence', proof.evidence],
    ['access_proof_collected_by', proof.collectedBy],
  ];
  return parts
    .filter((part): part is [MessageKey, string] => Boolean(part[1]))
    .map(([key, value]) => t(lang, key, { value }))
    .join(', ');
}

export function consentBlocks(consents: ConsentRecord[], lang: Lang, w: Words): Block[] {
  if (consents.length === 0) return [{ p: t(lang, 'access_no_consent') }];
  const sorted = [...consents].sort((a, b) => a.at.localeCompare(b.at));
  return [
    {
      list: sorted.map((c) => {
        const line = t(lang, 'access_consent_line', {
          action: t(lang, c.action === 'grant' ? 'action_grant' : 'action_withdraw'),
          channel: w.channel(c.channel),
          purpose: purposeLabel(c.purpose, lang),
          at: w.day(c.at),
          until: c.until ? t(lang, 'access_consent_until', { until: w.day(c.until) }) : '',
        });
        const proof = proofText(c.proof, lang);
        return proof ? `${line}. ${t(lang, 'access_consent_proof', { proof })}` : line;
      }),
    },
  ];
}

export function objectionBlocks(report: AccessReport, lang: Lang, w: Words): Block[] {
  const { objections, withdrawals } = toldOnce(report);
  const again = (dates: string[]) =>
    dates.length ? t(lang, 'access_again', { dates: dates.map(w.day).join(', ') }) : '';
  const lines = [
    ...objections.map((o) =>
      t(lang, 'access_objection_line', {
        scope: w.channel(o.scope),
        since: w.day(o.since),
        again: again(o.again),
      }),
    ),
    ...withdrawals.map((o) =>
      t(lang, 'access_withdrawal_line', {
        purpose: purposeLabel(o.purpose, lang),
        channel: w.channel(o.channel),
        since: w.day(o.since),
        again: again(o.again),
      }),
    ),
  ];
  return lines.length ? [{ list: lines }] : [{ p: t(lang, 'access_no_objection') }];
}

export function rightsBlocks(controller: Controller, lang: Lang): Block[] {
  const address = controller.dpo.address ?? `${controller.name}, ${controller.address}`;
  return [
    {
      list: [
        t(lang, 'access_right_object'),
        t(lang, 'access_right_withdraw'),
        t(lang, 'access_right_rectify'),
        t(lang, 'access_right_erase'),
        t(lang, 'access_right_restrict'),
        t(lang, 'access_right_complain'),
      ],
    },
    { p: t(lang, 'access_rights_write', { dpo: controller.dpo.email, address }) },
  ];
}
