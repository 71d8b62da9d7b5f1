// Records what the workflow asked to tell people, and lets a test wait for a notification
// instead of sleeping.
import { EventEmitter } from 'node:events';
import type { Notifier } from '../../activities';
import type { NotificationEvent } from '../../workflows/notifications';

export class RecordingNotifier implements Notifier {
  readonly events: NotificationEvent[] = [];
  private readonly emitter = new EventEmitter();

  async deliver(event: NotificationEvent): Promise<void> {
    this.events.push(event);
    this.emitter.emit('event', event);
  }

  find(pred: (e: NotificationEvent) => boolean): NotificationEvent[] {
    return this.events.filter(pred);
  }

  waitFor(pred: (e: NotificationEvent) => boolean, timeoutMs = 30_000): Promise<NotificationEvent> {
    const seen = this.events.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.emitter.off('event', on);
        reject(new Error(`no matching notification within ${timeoutMs} ms; seen: ${this.events.map((e) => `${e.kind}->${e.recipientId}`).join(', ')}`));
      }, timeoutMs);
      const on = (e: NotificationEvent) => {
        if (!pred(e)) return;
        clearTimeout(timer);
        this.emitter.off('event', on);
        resolve(e);
      };
      this.emitter.on('event', on);
    });
  }
}
