// How a dialogue and a message are named on the screen.

/** The other party's name: the client (or contact) when matched, else what the channel knows. */
export function dialogueName(dialogue, t) {
  return dialogue.contact?.name ?? dialogue.client?.name ?? dialogue.party?.name ?? dialogue.party?.handle
    ?? dialogue.party?.phone ?? dialogue.party?.email ?? dialogue.title ?? t('dialogues.unknownParty');
}

/** Delivery statuses shown beside outgoing messages, with a symbol that reads without colour. */
export const STATUS_SYMBOL = { QUEUED: '◷', SENT: '✓', DELIVERED: '✓✓', READ: '✓✓', FAILED: '!' };
