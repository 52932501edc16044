import type { Command } from 'commander';
import { maskIdentifier } from '../../domain/identifiers.ts';
import { t } from '../../i18n.ts';
import { addContact } from '../../services/record.ts';
import { type CliKit, personOptions } from '../kit.ts';

/** `contact add: a person, where their details came from, and what they bought`. */
export function register(program: Command, kit: CliKit): void {
  const contact = program.command('contact').description('manage contacts');
  personOptions(contact.command('add').description('add or update a contact with its provenance'))
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
    .option('--owner <slackId>', 'Slack user id of the owner')
    .action(async (options) => {
      await kit.withContext(async (ctx) => {
        const { contact: saved, created } = await addContact(ctx, options);
        const id = saved.email
          ? { kind: 'email' as const, value: saved.email }
          : { kind: 'phone' as const, value: saved.phone ?? '' };
        const key = created ? 'cli_contact_added' : 'cli_contact_updated';
        kit.out(t(kit.lang(ctx.policy), key, { who: maskIdentifier(id), id: saved.id }));
      });
    });
}
