// Types of blockkit.js (a plain ES module the browser loads as is), for the tests.
export interface RenderUser {
  name: string;
  isBot?: boolean;
}

export interface RenderContext {
  /** Slack id → display name; mentions and users_select use it. */
  users?: Record<string, RenderUser>;
  /** The reader's IANA time zone, for <!date^…> tokens and message times. */
  tz?: string;
  surface?: 'message' | 'modal' | 'home';
  /** Modal field errors by block_id (response_action: errors). */
  errors?: Record<string, string>;
  /** Links to the fake's private file URLs are rewritten to the sandbox's /files/. */
  fakeBaseUrl?: string;
  botUserId?: string;
  idPrefix?: string;
}

export function escapeHtml(value: unknown): string;
export function emojify(text: string): string;
export function formatSlackDate(epochSeconds: number, format: string, tz?: string, now?: number): string | null;
export function safeUrl(url: unknown, ctx?: RenderContext): string | null;
export function mrkdwn(text: unknown, ctx?: RenderContext): string;
export function textObject(obj: unknown, ctx?: RenderContext): string;
export function plainOf(obj: unknown): string;
export function renderBlock(block: unknown, ctx?: RenderContext): string;
export function renderBlocks(blocks: unknown, ctx?: RenderContext): string;
export function renderFiles(files: unknown): string;
export function renderMessage(item: unknown, ctx?: RenderContext): string;
export function renderModal(view: unknown, ctx?: RenderContext): string;
