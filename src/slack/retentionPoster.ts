import type { WebClient } from '@slack/web-api';
import PQueue from 'p-queue';
import type { RetentionScan } from '../retention/deadlines.ts';
import type { Reminder } from '../retention/reminders.ts';
import type { ReminderPoster } from '../services/retentionJob.ts';
import { digestBlocks, ownerReminderBlocks } from './blocks/retention.ts';
import type { SlackDeps } from './listeners/kit.ts';

/**
 * Posts the retention digest and each owner's reminders (in their DM with the app), at most one message a
 * second per conversation, as Slack asks. A failed post throws, so the job does not record it as sent.
 */
export class SlackReminderPoster implements ReminderPoster {
  private readonly queues = new Map<string, PQueue>();

  constructor(
    private readonly client: WebClient,
    private readonly deps: SlackDeps,
  ) {}

  private post(channel: string, message: { text: string; blocks: unknown[] }): Promise<unknown> {
    let queue = this.queues.get(channel);
    if (!queue) {
      queue = new PQueue({ concurrency: 1, intervalCap: 1, interval: 1000 });
      this.queues.set(channel, queue);
    }
    return queue.add(() => this.client.chat.postMessage({ channel, ...message } as never), {
      throwOnTimeout: true,
    });
  }

  async digest(channel: string, scan: RetentionScan, _reminders: Reminder[]): Promise<void> {
    const { policy } = this.deps.ctx;
    await this.post(channel, digestBlocks(scan, policy, this.deps.people.defaultLang));
  }

  async remind(owner: string, reminders: Reminder[]): Promise<void> {
    const lang = await this.deps.people.lang(owner);
    await this.post(owner, ownerReminderBlocks(reminders, this.deps.ctx.policy, lang));
  }
}
