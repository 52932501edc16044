import type { Context } from 'hono';
import { holdsRole } from '../policy/access.ts';
import { addFromPage } from '../services/contactConsole.ts';
import { contactPage, objectFromPage } from '../services/contactPage.ts';
import { searchContacts } from '../services/registerSearch.ts';
import { contactRoutes, formValuesOf, problemTexts } from './contactRoutes.tsx';
import type { Done } from './contactView.tsx';
import { ContactView } from './contactView.tsx';
import { type ConsoleApp, type Env, formFields, namesOf } from './kit.tsx';
import { RegisterSearch } from './register.tsx';

/** The register: a search by form, a contact's page by id, and an objection recorded from it; Add, Edit, Merge. */
export function registerRoutes(app: ConsoleApp): void {
  app.get('/', (c) => c.redirect('/register', 303));
  app.get('/register', async (c) => {
    const { actor, page } = c.var.signed;
    const add = (await holdsRole(actor, 'see_contacts'))
      ? { values: { owner: actor.userId }, problems: {} }
      : undefined;
    return c.html(<RegisterSearch page={page} add={add} />);
  });
  app.post('/register', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const field = await formFields(c);
    const query = field('query');
    // The page of results travels in the form too: a search never puts what was searched in a URL.
    const at = Math.max(0, Math.min(Number.parseInt(field('page'), 10) || 0, 10_000));
    const result = await searchContacts(workspace.ctx, actor, query, at);
    const names = await namesOf(
      workspace,
      result.contacts.map((contact) => contact.owner),
    );
    return c.html(<RegisterSearch page={{ ...page, names }} query={query} result={result} at={at} />);
  });
  app.post('/register/add', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const values = await formValuesOf(c);
    const result = await addFromPage(workspace.ctx, actor, values);
    if ('problems' in result) {
      const problems = problemTexts(c, result.problems);
      return c.html(<RegisterSearch page={page} add={{ values, problems }} />, 400);
    }
    const { contact, created, changed } = result.done;
    const done = created ? 'done=added' : changed.length > 0 ? `added=${changed.join(',')}` : 'edited=';
    return c.redirect(`/contacts/${encodeURIComponent(contact.id)}?${done}`, 303);
  });
  app.get('/contacts/:id', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const view = await contactPage(workspace.ctx, actor, c.req.param('id'));
    const zone = workspace.ctx.policy.doc.policy.time_zone;
    const askers = view.decisions.map((d) => d.askedBy).filter((a) => a.startsWith('slack:'));
    const names = await namesOf(
      workspace,
      askers.map((a) => a.slice('slack:'.length)),
    );
    return c.html(<ContactView page={{ ...page, names }} zone={zone} view={view} done={doneOf(c)} />);
  });
  app.post('/contacts/:id/objection', async (c) => {
    const { workspace, actor } = c.var.signed;
    const field = await formFields(c);
    const id = c.req.param('id');
    await objectFromPage(workspace.ctx, actor, id, {
      channel: field('channel') || 'all',
      reason: field('reason'),
    });
    return c.redirect(`/contacts/${encodeURIComponent(id)}?done=1`, 303);
  });
  contactRoutes(app);
}

/** Field names only (never a value) tell what a write changed, after its redirect. */
const FIELD_NAMES = /^[A-Za-z.,]*$/;

/** What the page reached by a redirect says was done. */
function doneOf(c: Context<Env>): Done | undefined {
  const done = c.req.query('done');
  if (done === '1') return { objection: true };
  if (done === 'merged') return { merged: true };
  if (done === 'added') return { added: [] };
  const names = (key: string) => c.req.query(key)?.split(',').filter(Boolean);
  const edited = c.req.query('edited');
  if (edited !== undefined && FIELD_NAMES.test(edited)) return { edited: names('edited') ?? [] };
  const added = c.req.query('added');
  if (added && FIELD_NAMES.test(added)) return { added: names('added') ?? [] };
  return undefined;
}
