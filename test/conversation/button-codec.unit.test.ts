/**
 * Button keys: every typed action survives its key, keys on cards already in people's chat
 * history read as they always did, and anything else is not ours.
 */
import { describe, expect, it } from 'vitest';
import {
  buttonActionSchema,
  decodeButton,
  DIRECT_ACTIONS,
  encodeButton,
  GUIDED_ACTIONS,
  type ButtonAction,
  type DirectAction,
  type GuidedAction,
} from '../../src/conversation/button.codec.js';
import { stepSchema } from '../../src/conversation/steps.js';

const ID = '6710a3f2c9e77b0012ab34cd';

describe('button keys', () => {
  it('every action is read back from its key as it was written', () => {
    const actions: ButtonAction[] = [
      ...(Object.keys(DIRECT_ACTIONS) as DirectAction[]).map((action) => ({ kind: 'direct' as const, action, proposalId: ID, version: 7 })),
      ...(Object.keys(GUIDED_ACTIONS) as GuidedAction[]).map((action) => ({ kind: 'guided' as const, action, proposalId: ID, version: 12 })),
      { kind: 'confirmContact', proposalId: ID, contactId: 'c-3f9a' },
      { kind: 'answer', yes: true, proposalId: ID },
      { kind: 'answer', yes: false },
    ];
    for (const a of actions) expect(decodeButton(encodeButton(a))).toEqual(a);
  });

  it('keys of cards sent before typed actions still read as the same action', () => {
    expect(decodeButton(`accept|${ID}|3`)).toEqual({ kind: 'direct', action: 'accept', proposalId: ID, version: 3 });
    expect(decodeButton(`approveExt|${ID}|9`)).toEqual({ kind: 'direct', action: 'approveExt', proposalId: ID, version: 9 });
    expect(decodeButton(`signOffBack|${ID}|5`)).toEqual({ kind: 'guided', action: 'signOffBack', proposalId: ID, version: 5 });
    expect(decodeButton(`dissatisfied|${ID}|14`)).toEqual({ kind: 'guided', action: 'dissatisfied', proposalId: ID, version: 14 });
    expect(decodeButton(`confirm|${ID}|contact-1`)).toEqual({ kind: 'confirmContact', proposalId: ID, contactId: 'contact-1' });
    expect(decodeButton(`yes|${ID}|4`)).toEqual({ kind: 'answer', yes: true, proposalId: ID });
    expect(decodeButton('no|-|1')).toEqual({ kind: 'answer', yes: false });
  });

  it('a key that is not ours is refused, not guessed at', () => {
    for (const key of [
      'drop|x|y',
      `accept|${ID}|0`,
      `accept|${ID}|v2`,
      `accept|${ID}`,
      `accept|${ID}|1|extra`,
      'rm -rf',
      '',
      `toString|${ID}|1`,
      `accept|${'x'.repeat(65)}|1`,
    ])
      expect(decodeButton(key)).toBeUndefined();
  });

  it('keys stay far below WeCom’s 1,024 bytes even with the longest ids accepted', () => {
    const long = 'x'.repeat(64);
    const keys = [
      encodeButton({ kind: 'guided', action: 'superviseMeasure', proposalId: long, version: 999_999 }),
      encodeButton({ kind: 'confirmContact', proposalId: long, contactId: long }),
    ];
    for (const k of keys) expect(Buffer.byteLength(k)).toBeLessThanOrEqual(160);
  });

  it('each guided button starts a step the dialog store can keep, and a stored button action reads back', () => {
    for (const step of Object.values(GUIDED_ACTIONS)) expect(stepSchema.parse(JSON.parse(JSON.stringify(step)))).toEqual(step);
    const a: ButtonAction = { kind: 'direct', action: 'chase', proposalId: ID, version: 2 };
    expect(buttonActionSchema.parse(JSON.parse(JSON.stringify(a)))).toEqual(a);
  });
});
