import type { PolicyDocument } from './schema.ts';
import { ROLES } from './schema.ts';
import type { Path, PolicyIssue, YamlFile } from './yamlFile.ts';

/** Values the shipped policy.yaml carries as examples: live, they mean "nobody" or "nowhere". */
export const PLACEHOLDERS = [
  'S0COMPLIANCE',
  'S0SALESMGR',
  'C0COMPLIANCE',
  'Exemple SAS',
  "1 rue de l'Exemple, 75001 Paris",
  'dpo@exemple.fr',
];

/** Every place a placeholder is still in, with the value and its path. */
export function placeholdersIn(doc: PolicyDocument): Array<{ path: Path; value: string }> {
  const found: Array<{ path: Path; value: string }> = [];
  const check = (path: Path, value: string) => {
    if (PLACEHOLDERS.includes(value)) found.push({ path, value });
  };
  for (const role of ROLES)
    for (const [i, member] of doc.roles[role].entries()) check(['roles', role, i], member);
  // The access report names them to the person who asked: an example there misleads her.
  if (doc.controller) {
    check(['controller', 'name'], doc.controller.name);
    check(['controller', 'address'], doc.controller.address);
    check(['controller', 'dpo', 'email'], doc.controller.dpo.email);
  }
  for (const [channel, members] of Object.entries(doc.campaign.approvers_by_channel))
    for (const [i, member] of members.entries())
      check(['campaign', 'approvers_by_channel', channel, i], member);
  for (const [i, name] of doc.campaign.sender_identity.entries())
    check(['campaign', 'sender_identity', i], name);
  check(['retention', 'reminders', 'channel'], doc.retention.reminders.channel);
  return found;
}

/** The placeholders as lint warnings, each at its line and column; a policy without its controller too. */
export function placeholderIssues(yaml: YamlFile, doc: PolicyDocument): PolicyIssue[] {
  const issues = placeholdersIn(doc).map(({ path, value }) =>
    yaml.at(
      path,
      `placeholder "${value}" still in place: replace it before going live (README, "Before going live")`,
    ),
  );
  if (!doc.controller)
    issues.push(
      yaml.at(
        [],
        'no controller: section (name, address, dpo, recipients, transfers): the access report a person reads (privacy export --format html|pdf) cannot be made',
      ),
    );
  return issues;
}
