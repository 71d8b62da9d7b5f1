// The Web API methods the fake knows. Anything else is answered `unknown_method`, as Slack does.
import { chatMethods } from './chat';
import type { MethodHandler } from './context';
import { fileMethods } from './files';
import { viewMethods } from './views';
import { workspaceMethods } from './workspace';

export const METHODS: Readonly<Record<string, MethodHandler>> = {
  ...chatMethods,
  ...viewMethods,
  ...fileMethods,
  ...workspaceMethods,
};

/** Methods that need the app-level token (xapp-) instead of the bot token. */
export const APP_TOKEN_METHODS = new Set(['apps.connections.open']);

export type { ApiContext, MethodHandler } from './context';
