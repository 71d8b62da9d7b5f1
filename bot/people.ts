// Slack ids ↔ internal users. A person is created on first contact (role employee) with
// the name and time zone Slack reports; later lookups are cached for the process.
import type { WebClient } from '@slack/web-api';
import type { Db } from '../data/db';
import { ensureUser, userIdFor } from '../client/directory';
import { isLanguage, type Language } from '../domain/i18n';
import { languageOf } from './language';

export interface Person {
  id: string;
  slackId: string;
  name: string;
  tzOffsetMinutes: number;
  roles: string[];
}

export class People {
  private readonly known = new Map<string, string>();
  private readonly slackIds = new Map<string, string | null>();
  /** Languages read from Slack locales, per internal user: one users.info per person per process. */
  private readonly slackLanguages = new Map<string, Language>();

  constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
  ) {}

  /** The internal user for a Slack id, created (with users.info) on first contact. */
  async ensure(client: WebClient, slackId: string): Promise<Person> {
    const id = userIdFor(this.workspaceId, slackId);
    if (!this.known.has(slackId)) {
      const existing = await this.db.user.findUnique({ where: { id } });
      if (!existing) {
        const info = await client.users.info({ user: slackId }).catch(() => null);
        const u = info?.user;
        await ensureUser(this.db, {
          workspaceId: this.workspaceId,
          slackId,
          name: u?.real_name || u?.profile?.real_name || u?.name || slackId,
          timeZone: u?.tz ?? null,
          // Slack gives seconds east of UTC; the engine keeps minutes.
          tzOffsetMinutes: typeof u?.tz_offset === 'number' ? Math.round(u.tz_offset / 60) : 0,
        });
      }
      this.known.set(slackId, id);
      this.slackIds.set(id, slackId);
    }
    const row = await this.db.user.findUniqueOrThrow({ where: { id } });
    return { id, slackId, name: row.name, tzOffsetMinutes: row.tzOffsetMinutes, roles: row.roles };
  }

  /** The Slack id of an internal user, or null for people who never came from Slack. */
  async slackIdOf(userId: string): Promise<string | null> {
    if (this.slackIds.has(userId)) return this.slackIds.get(userId) ?? null;
    const row = await this.db.user.findUnique({ where: { id: userId }, select: { slackId: true } });
    const slackId = row?.slackId ?? null;
    this.slackIds.set(userId, slackId);
    return slackId;
  }

  /** `<@U123>` for people known to Slack, their name otherwise. */
  async mention(userId: string | null | undefined): Promise<string> {
    if (!userId) return 'Countersign';
    const slackId = await this.slackIdOf(userId);
    if (slackId) return `<@${slackId}>`;
    const row = await this.db.user.findUnique({ where: { id: userId }, select: { name: true } });
    return row?.name ?? userId;
  }

  async mentions(userIds: string[]): Promise<string[]> {
    return Promise.all(userIds.map((u) => this.mention(u)));
  }

  /**
   * The language to write to this person in: the one they chose (/countersign language),
   * else their Slack locale, else English. Every message, modal and reply renders with it.
   */
  async language(userId: string | null | undefined, client?: WebClient): Promise<Language> {
    if (!userId) return 'en';
    const row = await this.db.user.findUnique({ where: { id: userId }, select: { language: true, slackId: true } });
    if (row?.language && isLanguage(row.language)) return row.language;
    const cached = this.slackLanguages.get(userId);
    if (cached) return cached;
    if (!client || !row?.slackId) return 'en';
    const lang = await languageOf(client, row.slackId);
    this.slackLanguages.set(userId, lang);
    return lang;
  }

  /** Store a person's choice (null: follow Slack's locale again). */
  async setLanguage(userId: string, language: Language | null): Promise<void> {
    await this.db.user.update({ where: { id: userId }, data: { language } });
    this.slackLanguages.delete(userId);
  }
}
