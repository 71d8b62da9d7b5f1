import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalMeta } from '../../views/modals';

export type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type SubmitHandler = (args: SubmitArgs) => Promise<void>;

export function metaOf(privateMetadata: string): ModalMeta | null {
  try {
    const m = JSON.parse(privateMetadata) as ModalMeta;
    return typeof m.d === 'string' ? m : null;
  } catch {
    return null;
  }
}
