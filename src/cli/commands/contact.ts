import type { Command } from 'commander';
import { type Objection, objectionsByScope } from '../../domain/contacts.ts';
import { type Identifier, identifiersOf, maskIdentifier, parseTarget } from '../../domain/identifiers.ts';
import { formatLocal } from '../../domain/time.ts';
import { withdrawalsByPurpose } from '../../domain/withdrawals.ts';
import { t } from '../../i18n.ts';
import type { Policy } from '../../policy/load.ts';
import { fieldList } from '../../reports/problems.ts';
import { editContact, mergeContacts } from '../../services/contactEdit.ts';
import { addContact } from '../../services/contacts.ts';
import { type ContactListing, contactSheet, listContacts } from '../../services/lookup.ts';
import * as parse from '../../services/parse.ts';
import { deleteContact } from '../../services/privacy.ts';
import type { SaveOutcome } from '../../store/index.ts';
import { type CliKit, operatorOf, personOptions } from '../kit.ts';

/** `contact add: a person, where their details came from, and what they bought`. */
export function register(program: Command, kit: CliKit): void {
  const contact = program.command('contact').description('manage contacts');
  // The subcommands are added in this order so that `contact --help` lists them as before.
  registerAdd(contact, kit);
  registerEdit(contact, kit);
  registerMerge(contact, kit);
  registerList(contact, kit);
  registerDelete(contact, kit);
  registerShow(contact, kit);
}

/** The options of a contact's fields, shared by add and edit. */
function contactOptions(command: Command): Command {
  return command
    .option('--name <name>')
    .option('--company <company>')
    .option('--function <function>', 'job function, e.g. finance, hr, sales')
    .option('--audience <audience>', 'b2b or b2c (derived from the address when not given)')
    .option(
      '--address-kind <kind>',
      'personal, pro-nominative or pro-generic (e.g. the contact@ of a one-person business is pro-nominative)',
    )
    .option(
      '--department <code>',
      'French department of the person (its time zone; 57, 67, 68 and overseas have local holidays)',
    )
    .option(
      '--source <type[:detail]>',
      'form, sale (given by the customer at a sale), purchase (a bought list), event, referral, partner, import, enrichment, scraping, manual',
    )
    .option('--collection <how>', 'direct or indirect (derived from the source when not given)')
    .option('--collected-at <date>')
    .option('--informed-at <date>', 'when the information notice (with the right to object) was given')
    .option('--customer-since <date>')
    .option('--customer-until <date>', 'end of the contract or of the relationship')
    .option(
      '--relationship <kind>',
      'purchase (one-off, default), contract (in progress until --customer-until), account (no purchase)',
    )
    .option(
      '--last-purchase-at <date>',
      'the latest purchase (the retention clock of a customer starts there)',
    )
    .option('--products <a,b>', 'product categories bought (see policy.yaml products)')
    .option('--owner <slackId>', 'Slack user id of the owner');
}

function registerAdd(contact: Command, kit: CliKit): void {
  contactOptions(
    personOptions(
      contact.command('add').description('add a contact, or fill the empty fields of a known one'),
    ),
  ).action(async (options) => {
    await kit.withContext(async (ctx) => {
      const outcome = await addContact(ctx, options, operatorOf(kit));
      kit.out(describe(kit, ctx.policy, outcome));
    });
  });
}

/** A repeatable option gathers its values in a list. */
const collect = (value: string, previous: string[] = []) => [...previous, value];

function registerEdit(contact: Command, kit: CliKit): void {
  contactOptions(
    personOptions(
      contact
        .command('edit')
        .description(
          'change exactly the fields named of a known contact (provenance, owner, audience…): the owner or compliance',
        ),
    ),
  )
    .option('--add-email <email>', 'another address of the person (repeatable)', collect)
    .option('--add-phone <phone>', 'another number of the person, e.g. her mobile (repeatable)', collect)
    .option(
      '--replace-email <old_new...>',
      'OLD NEW: her new address; the old one stays known as a former one',
    )
    .option(
      '--replace-phone <old_new...>',
      'OLD NEW: her new number; the old one stays known as a former one',
    )
    .option(
      '--source-entry <n>',
      'which collection a provenance option edits: 1 the first (default), 2 the next…',
    )
    .action(async (options) => {
      await kit.withContext(async (ctx) => {
        const outcome = await editContact(ctx, options, operatorOf(kit));
        kit.out(describe(kit, ctx.policy, outcome));
      });
    });
}

function registerMerge(contact: Command, kit: CliKit): void {
  contact
    .command('merge <a> <b>')
    .description('join two records of one person (each named by an email or a phone): the older one is kept')
    .action(async (a: string, b: string) => {
      await kit.withContext(async (ctx) => {
        const lang = kit.lang(ctx.policy);
        const editor = operatorOf(kit);
        const done = await mergeContacts(ctx, parseTarget(a), parseTarget(b), editor);
        // Named by what it held before: the identifiers of the record that went are listed apart.
        const goneValues = new Set(identifiersOf(done.gone).map((id) => id.value));
        const kept = identifiersOf(done.contact).find((id) => !goneValues.has(id.value));
        const who = maskIdentifier(kept ?? (identifiersOf(done.contact)[0] as Identifier));
        const gone = identifiersOf(done.gone).map(maskIdentifier).join(', ');
        kit.out(
          t(lang, 'cli_contact_merged', {
            who,
            id: done.contact.id,
            gone,
            fields: fieldList(lang, done.changed) || '—',
          }),
        );
        if (done.differed.length > 0)
          kit.out(t(lang, 'cli_contact_merge_differed', { fields: fieldList(lang, done.differed) }));
      });
    });
}

function registerList(contact: Command, kit: CliKit): void {
  contact
    .command('list')
    .description('the register, most urgent retention deadline first')
    .option('--owner <slackId>', "only this owner's contacts")
    .option('--overdue', 'only the contacts past their retention deadline')
    .option('--json', 'print as JSON')
    .action(async (options) => {
      await kit.withContext(
        async (ctx) => {
          const rows = await listContacts(ctx, { owner: options.owner, overdue: options.overdue });
          if (options.json) return kit.out(JSON.stringify(rows, null, 2));
          const lang = kit.lang(ctx.policy);
          if (rows.length === 0) return kit.out(t(lang, 'cli_contact_list_empty'));
          for (const row of rows) kit.out(listLine(row, ctx.policy, lang));
        },
        { read: true },
      );
    });
}

function registerDelete(contact: Command, kit: CliKit): void {
  personOptions(
    contact
      .command('delete')
      .description('delete a contact and its records; an objection stays in the suppression list'),
  )
    .option('--yes', 'do not ask for confirmation (scripts)')
    .action(async (options) => {
      await kit.withContext(async (ctx) => {
        const lang = kit.lang(ctx.policy);
        const target = parse.person(options);
        kit.out(t(lang, 'cli_confirm_delete', { who: maskIdentifier(target) }));
        if (!(await kit.confirm(t(lang, 'cli_confirm_question'), options.yes)))
          return kit.out(t(lang, 'cli_cancelled'));
        const removed = await deleteContact(ctx, target, operatorOf(kit));
        kit.out(t(lang, 'cli_deleted', { ...removed }));
      });
    });
}

function registerShow(contact: Command, kit: CliKit): void {
  personOptions(contact.command('show').description('what the register holds on one person'))
    .option('--json', 'print as JSON')
    .action(async (options) => {
      await kit.withContext(
        async (ctx) => {
          const target = parse.person(options);
          const sheet = await contactSheet(ctx, target);
          if (options.json) return kit.out(JSON.stringify(sheet, null, 2));
          const lang = kit.lang(ctx.policy);
          if (!sheet.contact) return kit.out(t(lang, 'cli_contact_unknown', { who: maskIdentifier(target) }));
          const deadline = sheet.retentionDeadline;
          const overdue = deadline !== undefined && deadline <= ctx.clock();
          const row = { contact: sheet.contact, deadline, overdue };
          kit.out(
            [
              listLine(row, ctx.policy, lang),
              t(lang, 'cli_contact_counts', {
                consents: sheet.consents.length,
                objections: objectionsByScope(sheet.objections).length,
                interactions: sheet.interactions.length,
              }) + withdrawnCount(sheet.objections, lang),
            ].join('\n'),
          );
        },
        { read: true },
      );
    });
}

/** The consents withdrawn, told apart from the objections (a withdrawal is not one), when there are any. */
function withdrawnCount(objections: Objection[], lang: 'fr' | 'en'): string {
  const withdrawals = withdrawalsByPurpose(objections).length;
  return withdrawals > 0 ? t(lang, 'cli_contact_withdrawals', { withdrawals }) : '';
}

/** One contact on a line: who (masked), name, company, function, owner, source and retention deadline. */
function listLine(row: ContactListing, policy: Policy, lang: 'fr' | 'en'): string {
  const c = row.contact;
  const who = identifiersOf(c).map(maskIdentifier).join(', ');
  const about = [c.name, c.company, c.jobFunction].filter(Boolean).join(' · ');
  const deadline = row.deadline
    ? t(lang, row.overdue ? 'cli_contact_overdue' : 'cli_contact_deadline', {
        date: formatLocal(row.deadline, policy.timeZone, lang),
      })
    : t(lang, 'cli_contact_no_deadline');
  return t(lang, 'cli_contact_line', {
    id: c.id,
    who,
    about: about || '—',
    owner: c.owner ?? '—',
    source: c.provenance?.source ?? 'unknown',
    deadline,
  });
}

/** What a save did, in words: added or updated, and what it left alone. */
function describe(kit: CliKit, policy: Policy, outcome: SaveOutcome): string {
  const lang = kit.lang(policy);
  const saved = outcome.contact;
  const id = identifiersOf(saved)[0] ?? { kind: 'email' as const, value: '' };
  const key = outcome.created
    ? 'cli_contact_added'
    : outcome.changed.length
      ? 'cli_contact_updated'
      : 'cli_contact_unchanged';
  const lines = [
    t(lang, key, { who: maskIdentifier(id), id: saved.id, fields: fieldList(lang, outcome.changed) }),
  ];
  if (outcome.kept.length > 0) lines.push(t(lang, 'cli_contact_kept', { fields: outcome.kept.join(', ') }));
  return lines.join('\n');
}
