import { z } from 'zod';
import type { UpstreamDecision } from '../outbox/classify';
import { MessageLanguage, MESSAGE_SITUATIONS } from './messages';

/**
 * A message to a buyer as an outbox intent (`kind: 'send-message'`): queued in the same
 * transaction as its message row, sent once through the exactly-once outbox, and read back by
 * looking for exactly this text in the buyer's conversation since the row was made.
 */
export const SendMessagePayload = z.strictObject({
  /** The station's message row this intent sends. */
  messageId: z.string().min(1),
  text: z.string().trim().min(1).max(2000),
  situation: z.enum(MESSAGE_SITUATIONS),
  language: MessageLanguage,
});
export type SendMessagePayload = z.infer<typeof SendMessagePayload>;

/** What a read-back found in the buyer's conversation (null: no conversation to look in). */
export interface UpstreamMessage {
  found: boolean;
}

/** Found → done (sent before the answer was lost); not found → send; unknown → a person looks. */
export function decideMessageFromUpstream(up: UpstreamMessage | null): UpstreamDecision {
  if (up === null) return { decision: 'permanent', reason: 'buyer conversation not found' };
  return up.found ? { decision: 'done' } : { decision: 'send' };
}
