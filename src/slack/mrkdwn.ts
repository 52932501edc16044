/**
 * Escapes text for Slack mrkdwn. Without it a user could make the bot post `<!channel>` or a disguised
 * `<https://evil|bank.fr>` link: Slack only reads `<…>` as markup, and `&` starts entities.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
