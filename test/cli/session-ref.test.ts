import { describe, expect, it } from 'vitest';
import { matchSessionRef, refHead, shortSessionId } from '../../src/cli/session-ref.js';

const MAIN = '29ccd257-68b1-427f-ae5f-6524b7cb6f20';
const CHILD = `${MAIN}:agent-a2271d1`;
const OTHER_CHILD = `${MAIN}:agent-b9`;
const NEIGHBOUR = '29ccffff-0000-4000-8000-000000000000';

describe('shortSessionId', () => {
  it('keeps 8 characters of a main id, and the part after the colon of a child id', () => {
    expect(shortSessionId(MAIN)).toBe('29ccd257');
    expect(shortSessionId(CHILD)).toBe('29ccd257:agent-a2271d1');
    expect(shortSessionId('short')).toBe('short');
    expect(shortSessionId('ab:compact-1')).toBe('ab:compact-1');
  });
});

describe('matchSessionRef', () => {
  const all = [MAIN, CHILD, OTHER_CHILD, NEIGHBOUR];

  it('takes an exact id, or the one id a start names', () => {
    expect(matchSessionRef(CHILD, all)).toEqual({ id: CHILD });
    expect(matchSessionRef('29ccf', all)).toEqual({ id: NEIGHBOUR });
  });

  it('takes a main session over its own children, but not over another session', () => {
    expect(matchSessionRef('29ccd257', all)).toEqual({ id: MAIN });
    expect(matchSessionRef('29cc', all)).toEqual({ ambiguous: [MAIN, CHILD, OTHER_CHILD, NEIGHBOUR] });
  });

  it('reads a short child id as a start of the main id and a start of the part after the colon', () => {
    expect(matchSessionRef(shortSessionId(CHILD), all)).toEqual({ id: CHILD });
    expect(matchSessionRef('29ccd257:agent-b', all)).toEqual({ id: OTHER_CHILD });
    expect(matchSessionRef('29ccd257:agent', all)).toEqual({ ambiguous: [CHILD, OTHER_CHILD] });
    expect(matchSessionRef('29ccd257:compact', all)).toEqual({ none: true });
    expect(matchSessionRef('ffff', all)).toEqual({ none: true });
  });

  it('asks the store for ids by the part before any colon', () => {
    expect(refHead('29ccd257:agent-a')).toBe('29ccd257');
    expect(refHead('29ccd257')).toBe('29ccd257');
  });
});
