import { bodyLimit } from 'hono/body-limit';
import { t } from '../i18n.ts';
import { diffUploadedPolicy, POLICY_UPLOAD_BYTES, policyInForce } from '../services/policyUpload.ts';
import { type ConsoleApp, tell, visitor, visitorLang } from './kit.tsx';
import { PolicyDiffView, PolicyView } from './policy.tsx';

const KB = POLICY_UPLOAD_BYTES / 1024;

/**
 * The upload's size limit, on the bytes as they arrive. It must be registered before the sign-in middleware of
 * app.tsx: that one reads every POST body whole for its CSRF check, and a limit after it would come too late.
 * Nobody is known yet there, so the refusal speaks the browser's language. The margin is the multipart
 * envelope and the form token around the file.
 */
export const policyUploadLimit = bodyLimit({
  maxSize: POLICY_UPLOAD_BYTES + 16 * 1024,
  onError: (c) =>
    tell(c, visitor(c), t(visitorLang(c), 'web_policy_too_big', { size: KB }), 413, { problem: true }),
});

/** The policy in force, and what an uploaded file would change (compared only: nothing is reloaded here). */
export function policyRoutes(app: ConsoleApp): void {
  app.get('/policy', (c) => {
    const { workspace, page } = c.var.signed;
    return c.html(<PolicyView page={page} view={policyInForce(workspace.ctx)} />);
  });
  app.post('/policy/diff', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    // Read once already by the CSRF check: Hono hands back the same parsed form.
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File) || file.size === 0)
      return tell(c, page, t(page.lang, 'web_policy_no_file'), 400, { problem: true });
    if (file.size > POLICY_UPLOAD_BYTES)
      return tell(c, page, t(page.lang, 'web_policy_too_big', { size: KB }), 413, { problem: true });
    const outcome = await diffUploadedPolicy(workspace.ctx, actor, {
      file: file.name,
      text: await file.text(),
    });
    const zone = workspace.ctx.policy.doc.policy.time_zone;
    return c.html(
      <PolicyDiffView page={page} zone={zone} outcome={outcome} />,
      outcome.status === 'invalid' ? 400 : 200,
    );
  });
}
