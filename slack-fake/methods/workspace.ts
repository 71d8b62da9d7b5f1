// Workspace-level methods: identity (auth.test), people (users.*), channels
// (conversations.*), reactions, and the Socket Mode handshake (apps.connections.open).
import { dmChannelFor } from '../ids';
import { fail, ok, publicMessage, publicUser, str, type MethodHandler } from './context';

export const workspaceMethods: Record<string, MethodHandler> = {
  'auth.test': (_args, { state, baseUrl }) =>
    ok({
      url: `${baseUrl}/`,
      team: state.config.teamDomain,
      user: 'countersign',
      team_id: state.config.teamId,
      user_id: state.config.botUserId,
      bot_id: state.config.botId,
      is_enterprise_install: false,
    }),

  'users.info': (args, { state }) => {
    const id = str(args.user);
    const user = id ? state.users.get(id) : undefined;
    if (!user) return fail('user_not_found');
    const withLocale = args.include_locale === true || args.include_locale === 'true' || args.include_locale === '1';
    return ok({ user: { ...(publicUser(user, state.config.teamId) as object), ...(withLocale ? { locale: user.locale ?? 'en-US' } : {}) } });
  },

  'users.lookupByEmail': (args, { state }) => {
    const email = str(args.email)?.toLowerCase();
    const user = [...state.users.values()].find((u) => email !== undefined && u.email?.toLowerCase() === email);
    return user ? ok({ user: publicUser(user, state.config.teamId) }) : fail('users_not_found');
  },

  'conversations.open': (args, { state }) => {
    if (str(args.channel)) return ok({ channel: { id: args.channel }, already_open: true });
    const users = (str(args.users) ?? '').split(',').map((u) => u.trim()).filter(Boolean);
    if (users.length === 0) return fail('users_list_not_supplied');
    const unknown = users.find((u) => !/^[UW][A-Z0-9]+$/.test(u));
    if (unknown) return fail('user_not_found');
    // Slack's answer for a deactivated member (users.info shows them with deleted: true).
    if (users.some((u) => state.users.get(u)?.deleted)) return fail('user_disabled');
    // One user: the app's DM with them (stable id). Several: a group DM, stable for the set.
    const id = users.length === 1 ? dmChannelFor(users[0] ?? '') : `G${[...users].sort().join('').replace(/[UW]/g, '').slice(0, 20)}`;
    return ok({ channel: { id, is_im: users.length === 1, user: users.length === 1 ? users[0] : undefined }, no_op: true, already_open: true });
  },

  'conversations.history': (args, { state }) => {
    const channel = str(args.channel);
    if (!channel) return fail('channel_not_found');
    const limit = Number(args.limit ?? 100) || 100;
    const oldest = Number(args.oldest ?? 0);
    const latest = args.latest !== undefined ? Number(args.latest) : Infinity;
    // Newest first; thread replies stay in their thread (conversations.replies), as in Slack.
    const messages = state
      .messages(channel)
      .filter((m) => (!m.thread_ts || m.thread_ts === m.ts) && Number(m.ts) >= oldest && Number(m.ts) <= latest)
      .reverse();
    return ok({ messages: messages.slice(0, limit).map((m) => publicMessage(m, state.config.teamId)), has_more: messages.length > limit });
  },

  'conversations.replies': (args, { state }) => {
    const channel = str(args.channel);
    const ts = str(args.ts);
    if (!channel) return fail('channel_not_found');
    const thread = state.messages(channel).filter((m) => m.ts === ts || m.thread_ts === ts);
    if (thread.length === 0) return fail('thread_not_found');
    return ok({ messages: thread.map((m) => publicMessage(m, state.config.teamId)), has_more: false });
  },

  'reactions.add': (args, { state }) => {
    const channel = str(args.channel);
    const ts = str(args.timestamp);
    const name = str(args.name);
    if (!name) return fail('no_reaction');
    if (!channel) return fail('channel_not_found');
    if (!ts) return fail('message_not_found');
    const result = state.addReaction(channel, ts, name, state.config.botUserId);
    return result === 'ok' ? ok() : fail(result);
  },

  'apps.connections.open': (_args, { socketUrl }) => ok({ url: socketUrl() }),
};
