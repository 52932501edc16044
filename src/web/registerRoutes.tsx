import { contactPage, objectFromPage } from '../services/contactPage.ts';
import { searchContacts } from '../services/registerSearch.ts';
import { type ConsoleApp, formFields, namesOf } from './kit.tsx';
import { ContactView, RegisterSearch } from './register.tsx';

/** The register: a search by form, a contact's page by id, and an objection recorded from it. */
export function registerRoutes(app: ConsoleApp): void {
  app.get('/', (c) => c.redirect('/register', 303));
  app.get('/register', (c) => c.html(<RegisterSearch page={c.var.signed.page} />));
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
  app.get('/contacts/:id', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const view = await contactPage(workspace.ctx, actor, c.req.param('id'));
    const zone = workspace.ctx.policy.doc.policy.time_zone;
    return c.html(<ContactView page={page} zone={zone} view={view} done={c.req.query('done') === '1'} />);
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
}
