// views.* methods: modals and App Home. Invalid views are refused with `invalid_arguments`
// plus `response_metadata.messages`, which is what Slack answers for views (messages get
// `invalid_blocks` instead; see e.g. slackapi/java-slack-sdk#302, slack-go/slack#805).
import { validateView } from '../block-kit-limits';
import type { Json } from '../types';
import { fail, ok, publicView, str, type MethodHandler } from './context';

const viewOf = (args: Json): Json | undefined =>
  typeof args.view === 'object' && args.view !== null && !Array.isArray(args.view) ? (args.view as Json) : undefined;

export const viewMethods: Record<string, MethodHandler> = {
  'views.open': (args, { views }) => {
    const errors = validateView(args.view, 'modal');
    if (errors.length > 0) return fail('invalid_arguments', errors);
    const trigger = views.useTrigger(args.trigger_id ?? args.interactivity_pointer);
    if (!trigger.ok) return fail(trigger.error);
    return ok({ view: publicView(views.open(trigger.user, viewOf(args) ?? {})) });
  },

  'views.push': (args, { views }) => {
    const errors = validateView(args.view, 'modal');
    if (errors.length > 0) return fail('invalid_arguments', errors);
    const trigger = views.useTrigger(args.trigger_id ?? args.interactivity_pointer);
    if (!trigger.ok) return fail(trigger.error);
    const view = views.push(trigger.user, viewOf(args) ?? {});
    if (typeof view === 'string') return fail(view);
    return ok({ view: publicView(view) });
  },

  'views.update': (args, { views }) => {
    if (!str(args.view_id) && !str(args.external_id)) return fail('invalid_arguments', ['[ERROR] missing required field: view_id or external_id [json-pointer:/view_id]']);
    const errors = validateView(args.view);
    if (errors.length > 0) return fail('invalid_arguments', errors);
    const view = views.update({ view_id: args.view_id, external_id: args.external_id, hash: args.hash }, viewOf(args) ?? {});
    if (typeof view === 'string') return fail(view);
    return ok({ view: publicView(view) });
  },

  'views.publish': (args, { views }) => {
    const user = str(args.user_id);
    if (!user) return fail('invalid_arguments', ['[ERROR] missing required field: user_id [json-pointer:/user_id]']);
    const errors = validateView(args.view, 'home');
    if (errors.length > 0) return fail('invalid_arguments', errors);
    const view = views.publish(user, viewOf(args) ?? {}, args.hash);
    if (typeof view === 'string') return fail(view);
    return ok({ view: publicView(view) });
  },
};
