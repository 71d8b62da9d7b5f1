// What every Web API method handler gets, and the two ways it answers (like Slack: HTTP 200
// with `ok: true` and data, or `ok: false` with an error code and optional messages).
import type { ConversationState } from '../conversation-state';
import type { SlackIds } from '../ids';
import type { FakeMessage, FakeUser, FakeView, Json } from '../types';
import type { ViewState } from '../view-state';

export interface ApiContext {
  state: ConversationState;
  views: ViewState;
  ids: SlackIds;
  /** http://127.0.0.1:PORT (no trailing slash). */
  baseUrl: string;
  /** Issue a one-time WebSocket URL for apps.connections.open. */
  socketUrl(): string;
}

export type MethodHandler = (args: Json, ctx: ApiContext) => Json | Promise<Json>;

export const ok = (data: Json = {}): Json => ({ ok: true, ...data });

export const fail = (error: string, messages?: string[]): Json =>
  messages && messages.length > 0 ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A message as the Web API returns it (no fake-only bookkeeping fields). */
export function publicMessage(m: FakeMessage, teamId: string): Json {
  const { channel: _channel, updates: _updates, ...rest } = m;
  return { ...rest, team: teamId };
}

export function publicView(v: FakeView): Json {
  const { user_id: _user, errors: _errors, ...rest } = v;
  return rest;
}

/** Seconds east of UTC for an IANA zone, as users.info reports in tz_offset. */
function tzOffsetSeconds(tz: string): number {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'shortOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(part ?? '');
    if (!match) return 0;
    const seconds = Number(match[2]) * 3600 + Number(match[3] ?? 0) * 60;
    return match[1] === '-' ? -seconds : seconds;
  } catch {
    return 0;
  }
}

export function publicUser(u: FakeUser, teamId: string): Json {
  return {
    id: u.id,
    team_id: teamId,
    name: u.name,
    deleted: u.deleted,
    real_name: u.real_name,
    tz: u.tz,
    tz_label: u.tz,
    tz_offset: tzOffsetSeconds(u.tz),
    is_bot: u.is_bot,
    is_admin: u.is_admin,
    profile: {
      display_name: u.display_name,
      display_name_normalized: u.display_name,
      real_name: u.real_name,
      real_name_normalized: u.real_name,
      ...(u.email ? { email: u.email } : {}),
    },
  };
}
