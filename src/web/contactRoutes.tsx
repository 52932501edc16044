import type { Context } from 'hono';
import type { Contact } from '../domain/contacts.ts';
import { t } from '../i18n.ts';
import { fieldWords, policyLists, problemLine } from '../reports/problems.ts';
import {
  ADD_FIELDS,
  contactForEdit,
  EDIT_FIELDS,
  editFromPage,
  type FieldProblems,
  type FormValues,
  formValues,
  mergeFromPage,
  mergePreview,
  versionOf,
} from '../services/contactConsole.ts';
import { contactById, searchContacts } from '../services/registerSearch.ts';
import { EditContactPage, type ProblemTexts } from './contactForms.tsx';
import { MergeConfirmPage, MergeResultsPage } from './contactMerge.tsx';
import { type ConsoleApp, type Env, formFields, namesOf } from './kit.tsx';

/**
 * A contact's Edit form and the merge of two records, for those the services allow (her owner, a compliance
 * role): the forms are shown only to them, and each route asks the services again, which refuse and audit.
 */
export function contactRoutes(app: ConsoleApp): void {
  app.get('/contacts/:id/edit', async (c) => {
    const { workspace, actor } = c.var.signed;
    const contact = await contactForEdit(workspace.ctx, actor, c.req.param('id'));
    return c.html(editPage(c, contact.id, contact, {}));
  });
  app.post('/contacts/:id/edit', async (c) => {
    const { workspace, actor } = c.var.signed;
    const id = c.req.param('id');
    const typed = await formValuesOf(c);
    const version = (await formFields(c))('version');
    const result = await editFromPage(workspace.ctx, actor, id, typed, version);
    if ('stale' in result) return c.html(editPage(c, id, result.stale, {}, { stale: true }), 409);
    if ('problems' in result) {
      const problems = problemTexts(c, result.problems);
      return c.html(editPage(c, id, result.contact, problems, { typed }), 400);
    }
    return c.redirect(`/contacts/${encodeURIComponent(id)}?edited=${result.done.changed.join(',')}`, 303);
  });
  app.post('/contacts/:id/merge', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const contact = await contactById(workspace.ctx, actor, c.req.param('id'));
    const query = (await formFields(c))('query');
    const found = await searchContacts(workspace.ctx, actor, query, 0);
    const names = await namesOf(
      workspace,
      found.contacts.map((other) => other.owner),
    );
    return c.html(
      <MergeResultsPage page={{ ...page, names }} contact={contact} query={query} found={found.contacts} />,
    );
  });
  app.post('/contacts/:id/merge/confirm', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const id = c.req.param('id');
    const other = (await formFields(c))('other');
    const preview = await mergePreview(workspace.ctx, actor, id, other);
    const names = await namesOf(workspace, [preview.kept.owner, preview.gone.owner]);
    return c.html(<MergeConfirmPage page={{ ...page, names }} id={id} otherId={other} preview={preview} />);
  });
  app.post('/contacts/:id/merge/do', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const id = c.req.param('id');
    const field = await formFields(c);
    const result = await mergeFromPage(workspace.ctx, actor, id, field('other'), field('versions'));
    if ('stale' in result) {
      const preview = result.stale;
      const names = await namesOf(workspace, [preview.kept.owner, preview.gone.owner]);
      return c.html(
        <MergeConfirmPage
          page={{ ...page, names }}
          id={id}
          otherId={field('other')}
          preview={preview}
          stale
        />,
        409,
      );
    }
    return c.redirect(`/contacts/${encodeURIComponent(result.merged.id)}?done=merged`, 303);
  });
}

/** The Edit form on the record's values, or on what was typed when a problem sent it back. */
function editPage(
  c: Context<Env>,
  id: string,
  contact: Contact,
  problems: ProblemTexts,
  options: { typed?: FormValues; stale?: boolean } = {},
) {
  const { workspace, page } = c.var.signed;
  const values = options.typed ?? formValues(contact, workspace.ctx.policy.timeZone);
  return (
    <EditContactPage
      page={page}
      id={id}
      title={contact.name ?? t(page.lang, 'web_unnamed')}
      version={versionOf(contact)}
      values={values}
      problems={problems}
      stale={options.stale}
    />
  );
}

/** The form's contact fields as typed; a field the form did not send is left out (it is no change). */
export async function formValuesOf(c: Context<Env>): Promise<FormValues> {
  const body = await c.req.parseBody();
  const values: FormValues = {};
  for (const name of [...EDIT_FIELDS, ...ADD_FIELDS]) {
    const value = body[name];
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}

/** Each field's problem in the reader's words, as the rest of the app words it. */
export function problemTexts(c: Context<Env>, problems: FieldProblems): ProblemTexts {
  const { workspace, page } = c.var.signed;
  const style = { fieldName: fieldWords(page.lang), extra: policyLists(workspace.ctx.policy) };
  const texts: ProblemTexts = {};
  for (const [field, problem] of Object.entries(problems) as Array<
    [keyof ProblemTexts, FieldProblems[keyof FieldProblems]]
  >)
    if (problem)
      texts[field] =
        problem === 'cleared' ? t(page.lang, 'error_cannot_clear') : problemLine(page.lang, problem, style);
  return texts;
}
