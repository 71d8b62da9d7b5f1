// Public surface of the fake Slack: the server, the Slack-side simulators, the helpers
// that act like a person in Slack, and the Block Kit validators.
export { startFakeSlack, type FakeSlack, type FakeSlackOptions } from './fake-slack-api';
export {
  createHttpSlackClient,
  createSocketSlackClient,
  type EventOptions,
  type HttpSlackClient,
  type SlackResponse,
  type SlackSender,
  type ViewSubmissionResponse,
} from './slack-client';
export { clickButton, openAppHome, sendUserMessage, shareFileAsUser, submitView, type ClickTarget } from './interactions';
export { LIMITS, validateMessageBlocks, validateView } from './block-kit-limits';
export { slackSignature, signedHeaders } from './signing';
export type { BlockActionInput, SlashCommandInput, ViewSubmissionInput } from './payloads';
export type { AckFrame, EnvelopeType } from './socket-mode-server';
export type { WaitOptions } from './call-log';
export type { InputValue, ValuesInput } from './view-values';
export type * from './types';
