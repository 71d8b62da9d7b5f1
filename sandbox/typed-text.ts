// What Slack makes of text a person typed before sending it to the app: &, < and > are
// escaped (Slack's "escape channels, users and links" for slash commands, and always for
// message text), and an @handle picked from the suggestions becomes a user link. The
// sandbox's message box works the same way, so the bot parses exactly what it would get.
import type { SandboxPerson } from './people';

export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `@bruno please` → `<@U0BOOKKEEPER|bruno> please` (slash commands carry the handle, message
 * events only the id). Handles are matched case-insensitively; trailing punctuation
 * (`@bruno,`) is not part of the handle; unknown handles stay plain text, as in Slack.
 */
export function typedToSlack(text: string, people: SandboxPerson[], kind: 'command' | 'message'): string {
  const byHandle = new Map(people.map((p) => [p.handle.toLowerCase(), p]));
  return escapeSlackText(text).replace(/(^|[^A-Za-z0-9_@&])@([A-Za-z0-9][A-Za-z0-9._-]*)/g, (whole, before: string, word: string) => {
    let candidate = word;
    while (candidate.length > 0) {
      const person = byHandle.get(candidate.toLowerCase());
      if (person) {
        const link = kind === 'command' ? `<@${person.id}|${person.handle}>` : `<@${person.id}>`;
        return `${before}${link}${word.slice(candidate.length)}`;
      }
      const trimmed = candidate.replace(/[._-]+$/, '');
      if (trimmed === candidate) break;
      candidate = trimmed;
    }
    return whole;
  });
}
