/**
 * Escapes text for Slack mrkdwn. Without it a user could make the bot post `<!channel>` or a disguised
 * `<https://evil|bank.fr>` link: Slack only reads `<…>` as markup, and `&` starts entities.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** How a policy role member is named in a message: a user or user-group mention, or the word everyone. */
export function mention(member: string): string {
  if (member === 'everyone') return member;
  return member.startsWith('S') ? `<!subteam^${member}>` : `<@${member}>`;
}
